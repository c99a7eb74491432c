package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.sandbox.ManifestReader;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the command line in-process, in the foreground or on a background thread. */
final class Cli {
  static final Path EXAMPLES = Path.of(System.getProperty("project.basedir", "."), "examples");

  private Cli() {}

  record Result(int code, String out, String err) {
    String all() {
      return out + "\n" + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** A command running on its own thread until it ends or is stopped (interrupted). */
  static final class Background implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile Integer code;

    Background(String... args) {
      thread =
          new Thread(
              () ->
                  code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true)),
              "cli-under-test");
      thread.start();
    }

    String out() {
      return out.toString();
    }

    String err() {
      return err.toString();
    }

    /** Interrupts the command, as Ctrl-C does, and returns its exit code. */
    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(Duration.ofSeconds(20).toMillis());
      assertThat(thread.isAlive()).as("command stopped").isFalse();
      return code;
    }

    @Override
    public void close() throws InterruptedException {
      if (thread.isAlive()) {
        stop();
      }
    }
  }

  /** Every Secret value in the example files, and the private key inside the BigQuery one. */
  static List<String> exampleSecretValues() {
    List<String> values = new ArrayList<>();
    for (var m : ManifestReader.read(List.of(EXAMPLES)).ofKind("Secret")) {
      Secret s = (Secret) m.resource();
      if (s.getStringData() != null) {
        values.addAll(s.getStringData().values());
      }
    }
    Matcher key =
        Pattern.compile("PRIVATE KEY-----\\\\n([A-Za-z0-9+/]{20,})")
            .matcher(String.join("", values));
    while (key.find()) {
      values.add(key.group(1));
    }
    assertThat(values).hasSizeGreaterThanOrEqualTo(9);
    return values;
  }

  static void assertNoSecretIn(String text) {
    for (String secret : exampleSecretValues()) {
      assertThat(text).as("output must not show a Secret value").doesNotContain(secret);
    }
  }
}
