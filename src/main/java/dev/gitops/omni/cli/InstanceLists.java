package dev.gitops.omni.cli;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.client.OmniClientConfig;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.InstanceSettings;
import dev.gitops.omni.sandbox.FileInstances;
import dev.gitops.omni.sandbox.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Lists an instance's Omni connections once, with the instance's own URL, API prefix and key: the
 * key from {@code --instance-token-file} when given for it, else from its token Secret in the
 * files. An instance that cannot be listed (no key in the files, a refused key, no answer) is a
 * {@link Listed#problem()} for its connections, not an error of the whole command: the other
 * instances are still planned. The command line's Omni fails as it always has.
 */
final class InstanceLists {
  /**
   * One instance's list, or why there is none.
   *
   * @param id the instance as {@link PlanInstances} names it
   * @param problem why it could not be listed (never a key), null when listed
   * @param reads the schedules and environment links, through the client that listed; null when not
   *     listed. Whoever holds the Listed closes it.
   */
  record Listed(
      String id,
      String url,
      String prefix,
      List<ObservedConnection> connections,
      String problem,
      NeighbourReads reads) {}

  private final FileInstances files;
  private final Map<String, Path> tokenFiles;
  private final OmniOptions omni;
  private final Progress progress;

  /**
   * @param tokenFiles key files by instance reference ({@code name} for a ClusterOmniInstance,
   *     {@code namespace/name} for an OmniInstance)
   */
  InstanceLists(
      FileInstances files, Map<String, Path> tokenFiles, OmniOptions omni, Progress progress) {
    this.files = files;
    this.tokenFiles = tokenFiles;
    this.omni = omni;
    this.progress = progress;
  }

  Listed list(PlanInstances.Choice choice) {
    if (choice.commandLine()) {
      OkHttpOmniClient client = omni.client();
      try {
        progress.line("listing Omni's connections at " + omni.uri());
        return new Listed(
            choice.id(),
            omni.uri().toString(),
            omni.prefix(),
            client.list(ListFilter.ALL_INCLUDING_DELETED),
            null,
            new NeighbourReads(client, omni.prefix(), progress));
      } catch (RuntimeException e) {
        close(client);
        throw e;
      }
    }
    Manifest m = choice.instance();
    InstanceSettings spec = FileInstances.settings(m);
    String prefix = spec.apiPrefix == null ? "v1" : spec.apiPrefix.name();
    FileInstances.Key key = files.key(m);
    Path file = tokenFiles.get(reference(m));
    SecretValue token =
        file != null
            ? OmniOptions.readKey("--instance-token-file", file)
            : key.value() == null ? null : SecretValue.of(key.value());
    if (token == null) {
      return failed(
          choice.id(),
          spec.url,
          prefix,
          (key.secretInFiles()
                  ? key.where() + " is empty or missing"
                  : "its key is not in the files (" + key.where() + ")")
              + ": add the Secret to the files, or give --instance-token-file "
              + reference(m)
              + "=FILE");
    }
    String from = file != null ? "--instance-token-file " + reference(m) : key.where();
    progress.line("listing Omni's connections at " + spec.url + " for " + choice.id());
    OkHttpOmniClient client = null;
    try {
      client =
          new OkHttpOmniClient(new OmniClientConfig(spec.url, prefix, token, null, null, null));
      return new Listed(
          choice.id(),
          spec.url,
          prefix,
          client.list(ListFilter.ALL_INCLUDING_DELETED),
          null,
          new NeighbourReads(client, prefix, progress));
    } catch (IllegalArgumentException e) {
      close(client);
      return failed(choice.id(), spec.url, prefix, "spec.url: " + e.getMessage());
    } catch (OmniApiException e) {
      close(client);
      return failed(
          choice.id(),
          spec.url,
          prefix,
          e.kind() == OmniFailure.NOT_AUTHORISED
              ? e.getMessage() + ": Omni refused the key from " + from
              : e.getMessage() + ": check spec.url and spec.apiPrefix");
    } catch (RuntimeException e) {
      close(client);
      throw e;
    }
  }

  private static void close(OkHttpOmniClient client) {
    if (client != null) {
      client.close();
    }
  }

  /** How {@code --instance-token-file} names an instance: {@code name} or {@code ns/name}. */
  static String reference(Manifest instance) {
    return instance.kind().equals("OmniInstance")
        ? instance.namespace() + "/" + instance.name()
        : instance.name();
  }

  private static Listed failed(String id, String url, String prefix, String problem) {
    return new Listed(id, url, prefix, List.of(), problem, null);
  }
}
