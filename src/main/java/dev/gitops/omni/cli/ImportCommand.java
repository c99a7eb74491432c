package dev.gitops.omni.cli;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.client.OmniApiException;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.model.Dialect;
import dev.gitops.omni.sandbox.FileInstances;
import dev.gitops.omni.sandbox.ManifestReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code import}: OmniConnection manifests for connections that already exist in Omni. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Print an OmniConnection manifest (YAML) for each live connection in Omni, bound to it by"
          + " spec.connectionId, to bring existing connections under management. Credentials"
          + " are Secret references with placeholder names: create those Secrets before"
          + " applying. `plan` on the output reports nothing to change.",
      "With --instance NAME and -f FILE (the OmniInstance or ClusterOmniInstance, and the"
          + " Secret holding its key or --omni-token-file), Omni is read with that instance's URL,"
          + " API prefix and key, and each manifest carries spec.instanceRef naming it.",
      "On API v1 each manifest also gets the connection's schemaRefreshSchedules (when it has"
          + " any) and, for an environment connection whose base is imported too, environmentOf;"
          + " a comment says why one was left out."
    })
public class ImportCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin OmniOptions omni;
  @Mixin LogOptions logs;

  @Option(
      names = "--name",
      description = "Only connections whose name contains this text (case-insensitive).")
  String name;

  @Option(
      names = "--dialect",
      description = "Only these dialects, comma-separated, e.g. postgres,snowflake.")
  String dialect;

  @Option(
      names = {"-n", "--namespace"},
      description = "metadata.namespace of the manifests (default: none, kubectl's current one).")
  String namespace;

  @Option(
      names = "--instance",
      paramLabel = "[KIND/]NAME",
      description =
          "Read Omni through this OmniInstance or ClusterOmniInstance (in the -f files) instead of"
              + " --omni-url, and write spec.instanceRef naming it.")
  String instance;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "PATH",
      description =
          "Manifest file or directory holding the --instance (and the Secret with its key, and"
              + " Namespaces for a selector). Repeatable.")
  List<Path> files;

  @Override
  public Integer call() {
    logs.apply(main != null && main.verbose ? "DEBUG" : "WARN");
    if (namespace != null
        && !namespace.isBlank()
        && !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
      // checked before any Omni call: kubectl would refuse every manifest written with it
      throw new UsageException(
          "-n/--namespace must be a Kubernetes namespace name (lowercase letters, digits and"
              + " '-', at most 63, starting and ending with a letter or digit), not '"
              + namespace
              + "'");
    }
    var err = spec.commandLine().getErr();
    Progress progress = new Progress(err);
    ImportInstance target = instance();
    ListFilter filter = new ListFilter(blank(name), null, blank(dialect), null, null, false);
    OkHttpOmniClient client = target == null ? omni.client() : target.client();
    try (NeighbourReads reads =
        new NeighbourReads(client, target == null ? omni.prefix() : target.prefix(), progress)) {
      List<ObservedConnection> known = known(list(client, target, filter, progress), err);
      ImportWriter writer =
          target == null
              ? new ImportWriter(blank(namespace), null)
              : new ImportWriter(target.namespace(), target.ref());
      known.forEach(writer::name);
      if (!known.isEmpty() && reads.available()) {
        progress.line(
            "reading the schedules of "
                + known.size()
                + " connection(s) and the environment links");
      }
      Map<String, ImportNeighbours.Extras> extras =
          ImportNeighbours.read(reads, known, writer::name, err);
      for (ObservedConnection c : known) {
        writer.write(
            spec.commandLine().getOut(),
            c,
            Dialect.fromOmni(c.dialect()),
            extras.getOrDefault(c.id(), ImportNeighbours.Extras.NONE));
      }
      err.println("# " + known.size() + " connection(s) imported");
      err.flush();
      return 0;
    }
  }

  private List<ObservedConnection> list(
      OkHttpOmniClient client, ImportInstance target, ListFilter filter, Progress progress) {
    if (target == null) {
      progress.line("listing Omni's connections at " + omni.uri());
      return client.list(filter);
    }
    progress.line("listing Omni's connections at " + target.url() + " for " + target.id());
    try {
      return client.list(filter);
    } catch (OmniApiException e) {
      if (e.kind() != OmniFailure.NOT_AUTHORISED) {
        throw e;
      }
      throw new UsageException(
          e.getMessage()
              + ": Omni refused the key of "
              + target.id()
              + " from "
              + target.keyFrom());
    }
  }

  /** The live connections of a dialect this version knows, by name; the others named on stderr. */
  private static List<ObservedConnection> known(
      List<ObservedConnection> listed, java.io.PrintWriter err) {
    List<ObservedConnection> out = new ArrayList<>();
    listed.stream()
        .filter(c -> !c.archived())
        .sorted(
            Comparator.comparing((ObservedConnection c) -> c.name().toLowerCase(Locale.ROOT))
                .thenComparing(ObservedConnection::id))
        .forEach(
            c -> {
              if (Dialect.fromOmni(c.dialect()) == null) {
                err.println(
                    "skipped \""
                        + c.name()
                        + "\" ("
                        + c.id()
                        + "): dialect "
                        + c.dialect()
                        + " is not known to this version");
              } else {
                out.add(c);
              }
            });
    return out;
  }

  /** The --instance from the -f files, or null when Omni is given by --omni-url as before. */
  private ImportInstance instance() {
    var parsed = spec.commandLine().getParseResult();
    boolean withFiles = files != null && !files.isEmpty();
    if (blank(instance) == null) {
      if (withFiles) {
        throw new UsageException("-f names the files holding --instance: give --instance NAME too");
      }
      return null;
    }
    if (parsed.hasMatchedOption("--omni-url") || parsed.hasMatchedOption("--api-prefix")) {
      throw new UsageException(
          "--instance gives the Omni URL and API prefix: leave out --omni-url and --api-prefix");
    }
    if (!withFiles) {
      throw new UsageException(
          "--instance " + instance + ": give -f with the file holding it (and its key's Secret)");
    }
    String ns = blank(namespace);
    var manifests = ManifestReader.read(files, ns == null ? "default" : ns);
    SecretValue fileKey = parsed.hasMatchedOption("--omni-token-file") ? omni.token() : null;
    return ImportInstance.find(
        new FileInstances(manifests.manifests()), instance.strip(), ns, fileKey);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
