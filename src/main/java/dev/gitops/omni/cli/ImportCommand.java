package dev.gitops.omni.cli;

import dev.gitops.omni.client.ListFilter;
import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.model.Dialect;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
          + " applying. `plan` on the output reports nothing to change."
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
    List<ObservedConnection> listed;
    try (var client = omni.client()) {
      new Progress(err).line("listing Omni's connections at " + omni.uri());
      listed = client.list(new ListFilter(blank(name), null, blank(dialect), null, null, false));
    }
    List<ObservedConnection> live =
        listed.stream()
            .filter(c -> !c.archived())
            .sorted(
                Comparator.comparing((ObservedConnection c) -> c.name().toLowerCase(Locale.ROOT))
                    .thenComparing(ObservedConnection::id))
            .toList();
    ImportWriter writer = new ImportWriter(blank(namespace));
    int written = 0;
    for (ObservedConnection c : live) {
      Dialect d = Dialect.fromOmni(c.dialect());
      if (d == null) {
        err.println(
            "skipped \""
                + c.name()
                + "\" ("
                + c.id()
                + "): dialect "
                + c.dialect()
                + " is not known to this version");
        continue;
      }
      writer.write(spec.commandLine().getOut(), c, d);
      written++;
    }
    err.println("# " + written + " connection(s) imported");
    err.flush();
    return 0;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
