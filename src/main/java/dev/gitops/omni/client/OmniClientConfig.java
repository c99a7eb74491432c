package dev.gitops.omni.client;

import dev.gitops.omni.connection.SecretValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach one Omni instance. Null optional fields take their defaults; invalid values fail
 * fast with an {@link IllegalArgumentException} that never contains the token.
 *
 * @param baseUrl the instance address without {@code /api}, e.g. {@code https://myorg.omniapp.co}
 * @param apiPrefix {@code v1} (default) or {@code unstable} (the beta API: no get, no delete)
 * @param token the API key, sent as {@code Authorization: Bearer ...}; surrounding whitespace (a
 *     trailing newline from a mounted Secret) is removed
 * @param userAgent defaults to {@code omni-operator/<Implementation-Version or dev>}
 */
public record OmniClientConfig(
    String baseUrl,
    String apiPrefix,
    SecretValue token,
    Duration connectTimeout,
    Duration readTimeout,
    String userAgent) {

  public static final String V1 = "v1";
  public static final String UNSTABLE = "unstable";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  public OmniClientConfig {
    baseUrl = checkBaseUrl(baseUrl);
    apiPrefix = checkPrefix(apiPrefix);
    token = checkToken(token);
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "readTimeout");
    userAgent = userAgent == null || userAgent.isBlank() ? defaultUserAgent() : userAgent.strip();
  }

  /** The {@code v1} API with default timeouts and user agent. */
  public static OmniClientConfig of(String baseUrl, SecretValue token) {
    return new OmniClientConfig(baseUrl, V1, token, null, null, null);
  }

  public OmniClientConfig withToken(SecretValue t) {
    return new OmniClientConfig(baseUrl, apiPrefix, t, connectTimeout, readTimeout, userAgent);
  }

  public OmniClientConfig withApiPrefix(String prefix) {
    return new OmniClientConfig(baseUrl, prefix, token, connectTimeout, readTimeout, userAgent);
  }

  public OmniClientConfig withTimeouts(Duration connect, Duration read) {
    return new OmniClientConfig(baseUrl, apiPrefix, token, connect, read, userAgent);
  }

  /** Whether the prefix is {@code v1}, which has GET-one and DELETE. */
  public boolean isV1() {
    return V1.equals(apiPrefix);
  }

  /** {@code omni-operator/<version>}, the version from the jar manifest or {@code dev}. */
  public static String defaultUserAgent() {
    String version = OmniClientConfig.class.getPackage().getImplementationVersion();
    return "omni-operator/" + (version == null || version.isBlank() ? "dev" : version);
  }

  @Override
  public String toString() {
    return "OmniClientConfig[baseUrl=%s, apiPrefix=%s, token=****, connectTimeout=%s, readTimeout=%s, userAgent=%s]"
        .formatted(baseUrl, apiPrefix, connectTimeout, readTimeout, userAgent);
  }

  private static String checkBaseUrl(String url) {
    String hint = " (expected the instance address, e.g. https://myorg.omniapp.co)";
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("Omni baseUrl is required" + hint);
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Omni baseUrl is not a valid URL" + hint);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("Omni baseUrl must be an absolute http(s) URL" + hint);
    }
    // Userinfo would be a credential printed by toString and exception messages: refuse it.
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "Omni baseUrl must not contain user info, a query or a fragment" + hint);
    }
    String normalised = uri.toString().replaceAll("/+$", "");
    if (normalised.endsWith("/api")) {
      throw new IllegalArgumentException(
          "Omni baseUrl must not end with /api: the client adds /api/<prefix> itself" + hint);
    }
    return normalised;
  }

  private static String checkPrefix(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      return V1;
    }
    String p = prefix.strip().toLowerCase(Locale.ROOT);
    if (!p.equals(V1) && !p.equals(UNSTABLE)) {
      throw new IllegalArgumentException(
          "Omni apiPrefix must be \"v1\" or \"unstable\" (the path /api/<prefix>/connections), got \""
              + prefix
              + "\"");
    }
    return p;
  }

  private static SecretValue checkToken(SecretValue token) {
    if (token == null) {
      throw new IllegalArgumentException("Omni API token is required");
    }
    String raw = token.reveal();
    String stripped = raw.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("Omni API token is empty");
    }
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "Omni API token has a character that cannot be sent in an HTTP header, at position "
                + i);
      }
    }
    return stripped.equals(raw) ? token : SecretValue.of(stripped);
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("Omni " + name + " must be positive, got " + value);
    }
    return value;
  }
}
