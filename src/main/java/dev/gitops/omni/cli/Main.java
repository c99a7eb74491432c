package dev.gitops.omni.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar omni-operator.jar <command>}: wires and runs; holds no logic of its own. */
@Command(
    name = "omni-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Manages Omni database connections from OmniConnection resources.",
    subcommands = {RunCommand.class})
public class Main {

  @Option(
      names = "--verbose",
      description = "Show stack traces and debug logs.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command and returns its exit code; used by main and by tests. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          boolean verbose = parseResult.hasMatchedOption("--verbose");
          if (e instanceof UsageException) {
            err.println("error: " + e.getMessage());
          } else {
            err.println("error: " + describe(e));
          }
          if (verbose) {
            e.printStackTrace(err);
          }
          return 1;
        });
    return cli.execute(args);
  }

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
      msg += ": " + root.getMessage();
    }
    return msg + " (run with --verbose for details)";
  }

  /** The version from the jar manifest. */
  public static class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"omni-operator " + (v == null ? "dev" : v)};
    }
  }
}
