package dev.gitops.omni.cli;

import dev.gitops.omni.sandbox.ManifestException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar omni-operator.jar <command>}: wires and runs; holds no logic of its own. */
@Command(
    name = "omni-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Manages Omni database connections from OmniConnection resources.",
    subcommands = {
      RunCommand.class,
      SandboxCommand.class,
      PlanCommand.class,
      ImportCommand.class,
      SimulatorCommand.class
    })
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
          boolean verbose = verbose(parseResult);
          if (e instanceof UsageException || e instanceof ManifestException) {
            err.println("error: " + e.getMessage());
          } else if (e instanceof dev.gitops.omni.client.OmniApiException o
              && o.kind() == dev.gitops.omni.connection.OmniFailure.NOT_AUTHORISED) {
            err.println(
                "error: "
                    + o.getMessage()
                    + ": check the Omni API key (--omni-token-file or OMNI_TOKEN); it must be an"
                    + " organisation key with admin rights");
          } else if (e instanceof dev.gitops.omni.client.OmniApiException o && o.status() == 0) {
            // no answer at all: the address is the usual suspect
            err.println("error: " + o.getMessage() + ": check --omni-url (or OMNI_URL)");
          } else {
            err.println("error: " + describe(e));
          }
          if (verbose) {
            e.printStackTrace(err);
          }
          return 1;
        });
    // a usage mistake is an error (1), never picocli's 2: plan uses 2 for "changes pending"
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          CommandLine bad = e.getCommandLine();
          String message = e.getMessage();
          if (e instanceof CommandLine.UnmatchedArgumentException u) {
            // a value typed after a mistyped option (--omni-token KEY, --omni-token=KEY) may be a
            // secret: name the options, never the other words or what follows an '='
            List<String> options =
                u.getUnmatched().stream()
                    .filter(a -> a.startsWith("-"))
                    .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
                    .toList();
            message =
                options.isEmpty()
                    ? "unexpected argument(s) (not shown: they may be secret values)"
                    : "unknown option(s): " + String.join(", ", options);
          }
          err.println(
              "error: " + message + " (see `" + bad.getCommandSpec().qualifiedName() + " --help`)");
          return 1;
        });
    return cli.execute(args);
  }

  /** Whether --verbose was given, before the command name or after it. */
  static boolean verbose(CommandLine.ParseResult result) {
    for (var r = result; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
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
