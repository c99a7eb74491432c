package dev.gitops.omni.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * What both instance kinds hold: where Omni is, the key to use and how hard to use it. One runtime
 * (client, request budget, list poller) per instance (docs/tenancy.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class InstanceSettings {
  /**
   * spec.url: http(s), a host, an optional path; no user or password, query or fragment (they could
   * carry a secret into logs and status, and Omni's client refuses them).
   */
  public static final String URL_PATTERN = "^https?://[^\\s/@?#]+(/[^\\s?#]*)?$";

  /** spec.pollInterval: a duration like 30s, 5m, 1h30m. */
  public static final String POLL_INTERVAL_PATTERN = "^([0-9]+(ms|s|m|h))+$";

  @Required
  @Pattern(URL_PATTERN)
  @JsonPropertyDescription(
      "Base URL of the Omni organisation, e.g. https://myorg.omniapp.co (no user, password or"
          + " query).")
  public String url;

  @Default("v1")
  @JsonPropertyDescription("Omni's API prefix: v1 (default) or unstable.")
  public ApiPrefix apiPrefix = ApiPrefix.v1;

  @Required
  @JsonPropertyDescription("The Secret key holding the Omni API key (an organisation key).")
  public TokenSecretRef tokenSecretRef;

  @Min(1)
  @Default("60")
  @JsonPropertyDescription(
      "Requests per minute this key may send; Omni allows 60 per key. Lower it when other tools"
          + " share the key.")
  public Integer requestsPerMinute = 60;

  @Pattern(POLL_INTERVAL_PATTERN)
  @Default("5m")
  @JsonPropertyDescription("How often Omni's connection list is read to find drift, e.g. 30s, 5m.")
  public String pollInterval = "5m";

  /** Omni's API prefixes. */
  public enum ApiPrefix {
    v1,
    unstable
  }
}
