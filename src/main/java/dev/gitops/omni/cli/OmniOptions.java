package dev.gitops.omni.cli;

import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.connection.SecretValue;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The Omni connection options every command shares. */
public class OmniOptions {
  @Option(
      names = "--omni-url",
      defaultValue = "${env:OMNI_URL}",
      description = "Omni instance URL, e.g. https://myorg.omniapp.co (env OMNI_URL).")
  String url;

  @Option(
      names = "--omni-token-file",
      defaultValue = "${env:OMNI_TOKEN_FILE}",
      description =
          "File holding the Omni API key, e.g. a mounted Secret (env OMNI_TOKEN_FILE). Else the"
              + " OMNI_TOKEN environment variable is used.")
  Path tokenFile;

  @Option(
      names = "--api-prefix",
      defaultValue = "${env:OMNI_API_PREFIX:-v1}",
      description = "Omni API prefix: v1 (default) or unstable (env OMNI_API_PREFIX).")
  String apiPrefix;

  /** The token from the file, else from OMNI_TOKEN; null when neither is set. */
  SecretValue token() {
    if (tokenFile != null) {
      return readKey("--omni-token-file", tokenFile);
    }
    String env = System.getenv("OMNI_TOKEN");
    return env == null || env.isBlank() ? null : SecretValue.of(env.strip());
  }

  /** An API key from a file named by {@code option}; a usage error when unreadable or empty. */
  static SecretValue readKey(String option, Path file) {
    try {
      String key = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) {
        throw new UsageException(option + " " + file + " is empty: put the Omni API key in it");
      }
      return SecretValue.of(key);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UsageException("cannot read " + option + " " + file + ": no such file");
    } catch (IOException e) {
      throw new UsageException(
          "cannot read " + option + " " + file + ": " + e.getClass().getSimpleName());
    }
  }

  /** The token, or a usage error saying how to give one. */
  SecretValue requireToken() {
    SecretValue token = token();
    if (token == null) {
      throw new UsageException("an Omni API key is required: --omni-token-file or OMNI_TOKEN");
    }
    return token;
  }

  /** A client for the Omni these options name; the URL and a token are required. */
  OkHttpOmniClient client() {
    URI instance = uri();
    String api = prefix();
    SecretValue token = requireToken();
    try {
      return new OkHttpOmniClient(
          new OmniClientConfig(instance.toString(), api, token, null, null, null));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  URI uri() {
    if (url == null || url.isBlank()) {
      throw new UsageException("--omni-url (or OMNI_URL) is required");
    }
    // a URL may carry a user and password: never echo one that does
    String shown = url.contains("@") ? "(a URL with credentials in it, not shown)" : url;
    URI u;
    try {
      u = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--omni-url must be a URL like https://myorg.omniapp.co, not " + shown);
    }
    if (u.getScheme() == null
        || !(u.getScheme().equals("https") || u.getScheme().equals("http"))
        || u.getHost() == null) {
      throw new UsageException(
          "--omni-url must be a URL like https://myorg.omniapp.co (with https://), not " + shown);
    }
    if (u.getRawUserInfo() != null) {
      throw new UsageException(
          "--omni-url must not carry credentials: give the API key with --omni-token-file");
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (path.matches("(?i).*/api(/.*)?") || u.getRawQuery() != null) {
      // "/api/v1" included made every call a 404, retried forever; a reverse proxy's own
      // prefix (https://corp.example/omni) is fine
      throw new UsageException(
          "--omni-url is the instance, without /api/...: "
              + u.getScheme()
              + "://"
              + u.getRawAuthority()
              + path.replaceAll("(?i)/api(/.*)?$", "")
              + " (the API prefix is --api-prefix), not "
              + url);
    }
    return u;
  }

  boolean isSet() {
    return url != null && !url.isBlank();
  }

  String prefix() {
    if (!"v1".equals(apiPrefix) && !"unstable".equals(apiPrefix)) {
      throw new UsageException("--api-prefix must be v1 or unstable, not " + apiPrefix);
    }
    return apiPrefix;
  }
}
