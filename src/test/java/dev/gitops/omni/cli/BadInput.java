package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One row of the bad-input catalogue (issue 14): a command line and what its answer must be. The
 * answer is one line on stderr — {@code error: }, naming the file and document, the field or the
 * option, and saying what to do — exit code 1 (2 is {@code plan}'s "changes pending"), no stack
 * trace unless {@code --verbose}, and none of the row's fake secrets anywhere, logs included.
 *
 * <p>Not counted as part of the answer: the timestamped progress lines ({@code [0.1s] listing ...})
 * that {@code plan} and {@code import} print before calling Omni. Log lines are counted: on a
 * terminal they land on stderr beside the answer.
 */
final class BadInput {
  /** Progress, printed by {@link Progress} before the work that failed. */
  static final Pattern PROGRESS = Pattern.compile("\\[\\d+\\.\\ds] .*");

  /** A stack trace line, or a Java exception's class name, shown to a user. */
  static final Pattern JAVA_TRACE = Pattern.compile("\tat |\\b[A-Z]\\w*(Exception|Error)\\b");

  /** Fake secrets: values that must never be shown, whatever goes wrong. */
  static final String PASSWORD = "FAKE-pw-Qx7Zr2";

  static final String TOKEN = "FAKE-token-Vb8Lm4";

  final String category;
  final String title;
  final List<String> args;
  final List<String> names = new ArrayList<>();
  String fix;
  final List<String> secrets = new ArrayList<>(List.of(PASSWORD, TOKEN));
  final Map<String, String> properties = new LinkedHashMap<>();
  String planRow;

  private BadInput(String category, String title, List<String> args) {
    this.category = category;
    this.title = title;
    this.args = args;
  }

  static BadInput row(String category, String title, String... args) {
    return new BadInput(category, title, List.of(args));
  }

  /** What the line must name: a file and document, a field path, an option or variable. */
  BadInput names(String... what) {
    names.addAll(List.of(what));
    return this;
  }

  /** Words of the fix the line must state. */
  BadInput fix(String words) {
    fix = words;
    return this;
  }

  BadInput secret(String value) {
    secrets.add(value);
    return this;
  }

  /** A system property set while the row runs (the kubeconfig the Kubernetes client reads). */
  BadInput property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  /**
   * The answer is {@code plan}'s row for {@code resource} on stdout (action invalid), not an error
   * line: plan reports each resource's problem in its table and goes on with the others.
   */
  BadInput inPlanTable(String resource) {
    planRow = resource;
    return this;
  }

  /** Checks the row, then the same with {@code --verbose}. */
  void verify() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(75),
        () -> {
          checkVerbose(check());
        });
  }

  @Override
  public String toString() {
    return category + ": " + title;
  }

  /** What the command printed, and what it logged meanwhile. */
  record Answer(Cli.Result result, String logs) {
    /** The lines a user reads as the answer: stderr and logs, without progress lines. */
    List<String> lines() {
      return Stream.concat(result.err().lines(), logs.lines())
          .filter(l -> !l.isBlank() && !PROGRESS.matcher(l).matches())
          .toList();
    }

    String shown() {
      return "exit "
          + result.code()
          + "\n--- stderr\n"
          + result.err()
          + "--- stdout\n"
          + result.out()
          + "--- logs\n"
          + logs;
    }
  }

  Answer run(List<String> argv) {
    properties.forEach(System::setProperty);
    try (CapturedStreams logs = new CapturedStreams()) {
      Cli.Result r = Cli.run(argv.toArray(String[]::new));
      return new Answer(r, logs.text());
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  /** Runs the row and checks its answer; returns the answer line. */
  String check() {
    Answer a = run(args);
    String shown = this + " " + args + "\n" + a.shown();
    assertThat(a.result().code()).as("exit code of " + shown).isEqualTo(1);
    String line;
    if (planRow == null) {
      assertThat(a.lines()).as("one line answers " + shown).hasSize(1);
      line = a.lines().get(0);
      assertThat(line).as(shown).startsWith("error: ");
    } else {
      assertThat(a.lines()).as("only progress on stderr " + shown).isEmpty();
      line = planRow(a.result());
      assertThat(line).as(shown).startsWith("invalid ");
    }
    names.forEach(n -> assertThat(line).as("names " + n + ": " + shown).contains(n));
    assertThat(fix).as("every row states the fix it expects").isNotBlank();
    assertThat(line).as("states the fix: " + shown).contains(fix);
    assertThat(a.result().all() + a.logs())
        .as("no stack trace or exception class: " + shown)
        .doesNotContainPattern(JAVA_TRACE);
    secrets.forEach(
        s ->
            assertThat(a.result().all() + a.logs()).as("secret shown: " + shown).doesNotContain(s));
    return line;
  }

  /**
   * With {@code --verbose} the same line comes first (a stack trace may follow it, and debug logs
   * around it), and still no secret appears.
   */
  void checkVerbose(String plainLine) {
    List<String> argv = new ArrayList<>(args);
    argv.add(Math.min(1, argv.size()), "--verbose");
    Answer a = run(argv);
    String shown = this + " " + argv + "\n" + a.shown();
    assertThat(a.result().code()).as(shown).isEqualTo(1);
    if (planRow != null) {
      assertThat(planRow(a.result())).as(shown).isEqualTo(plainLine);
    } else {
      assertThat(a.result().err().lines().filter(l -> !PROGRESS.matcher(l).matches()).findFirst())
          .as(shown)
          .hasValue(plainLine);
    }
    secrets.forEach(
        s ->
            assertThat(a.result().all() + a.logs()).as("secret shown: " + shown).doesNotContain(s));
  }

  private String planRow(Cli.Result r) {
    List<String> rows = r.out().lines().filter(l -> l.contains(" " + planRow + " ")).toList();
    assertThat(rows).as("one plan row for " + planRow + " in\n" + r.out()).hasSize(1);
    return rows.get(0);
  }

  /** A loopback port nothing listens on (it was free a moment ago). */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
