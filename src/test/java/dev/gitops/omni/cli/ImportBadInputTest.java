package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.BadInput.TOKEN;
import static dev.gitops.omni.cli.BadInput.row;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bad-input catalogue for {@code import}: usage, the Omni URL, the API key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportBadInputTest {
  @RegisterExtension static final OmniFixture omni = new OmniFixture();

  /**
   * An http server that answers anything, a TLS hello included, with 400 at once, as nginx does.
   */
  ServerSocket http400;

  @BeforeAll
  void start() throws IOException {
    http400 = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread server =
        new Thread(
            () -> {
              while (!http400.isClosed()) {
                try (Socket s = http400.accept()) {
                  s.getInputStream().read(new byte[512]);
                  s.getOutputStream()
                      .write(
                          "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                  // the test is over, or the client gave up
                }
              }
            },
            "http-400");
    server.setDaemon(true);
    server.start();
  }

  @AfterAll
  void stop() throws IOException {
    http400.close();
  }

  /**
   * When no answer comes from Omni, the line carries the client's exception in parentheses, e.g.
   * "(ConnectException: Failed to connect to /127.0.0.1:1234)", and names neither --omni-url nor
   * OMNI_URL.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void answersInOneLine(BadInput row) {
    row.verify();
  }

  String token() {
    return omni.dir.resolve("omni-token").toString();
  }

  /** {@code import} at {@code url} with the simulator's key, then {@code more}. */
  String[] importFrom(String url, String... more) {
    List<String> args = new ArrayList<>(List.of("import", "--omni-url", url));
    args.addAll(List.of("--omni-token-file", token()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  Stream<BadInput> rows() {
    String sim = omni.sim.baseUrl();
    String port = sim.substring(sim.lastIndexOf(':') + 1);
    String closed = "http://127.0.0.1:" + BadInput.closedPort();
    String plainHttp = "https://127.0.0.1:" + http400.getLocalPort();
    Path empty = omni.write("empty-token", "\n");
    Path wrong = omni.write("wrong-token", TOKEN + "\n");
    Path none = omni.dir.resolve("no-token");
    List<BadInput> rows = new ArrayList<>();
    rows.addAll(
        List.of(
            row("usage", "import with an unknown option", importFrom(sim, "--names", "x"))
                .names("--names")
                .fix("see `omni-operator import --help`"),
            row("usage", "a stray word is not echoed", importFrom(sim, TOKEN))
                .names("unexpected argument")
                .fix("--help"),
            row("usage", "--omni-url without its value", "import", "--omni-url")
                .names("'--omni-url'")
                .fix("--help"),
            row("usage", "import -n 'Bad NS!'", importFrom(sim, "-n", "Bad NS!"))
                .names("-n/--namespace", "'Bad NS!'")
                .fix("lowercase letters, digits and '-'"),
            row("omni-url", "no scheme", importFrom("omni.test"))
                .names("--omni-url", "omni.test")
                .fix("must be a URL like https://myorg.omniapp.co (with https://)"),
            row("omni-url", "host:port without a scheme", importFrom("127.0.0.1:" + port))
                .names("--omni-url", "127.0.0.1:" + port)
                .fix("must be a URL like https://myorg.omniapp.co"),
            row("omni-url", "a scheme that is not http(s)", importFrom("ftp://127.0.0.1:" + port))
                .names("--omni-url")
                .fix("(with https://)"),
            row("omni-url", "the API path included", importFrom(sim + "/api/v1"))
                .names("--omni-url", sim + "/api/v1")
                .fix("without /api/...: " + sim + " (the API prefix is --api-prefix)"),
            row(
                    "omni-url",
                    "a password in the URL",
                    importFrom("https://me:" + TOKEN + "@omni.test"))
                .names("--omni-url")
                .fix("give the API key with --omni-token-file"),
            row(
                    "omni-url",
                    "https to the simulator (http)",
                    importFrom("https://127.0.0.1:" + port))
                .names("--omni-url")
                .fix("does the server speak https (or is it http://)?"),
            row("omni-url", "https to an http server that answers 400", importFrom(plainHttp))
                .names("--omni-url")
                .fix("does the server speak https (or is it http://)?"),
            row("omni-url", "nothing listening on the port", importFrom(closed))
                .names("--omni-url", closed.substring("http://".length()))
                .fix("could not connect to Omni"),
            row("omni-url", "an unknown API prefix", importFrom(sim, "--api-prefix", "v2"))
                .names("--api-prefix")
                .fix("must be v1 or unstable"),
            row(
                    "token",
                    "an empty token file",
                    "import",
                    "--omni-url",
                    sim,
                    "--omni-token-file",
                    empty.toString())
                .names("--omni-token-file " + empty)
                .fix("put the Omni API key in it"),
            row(
                    "token",
                    "a missing token file",
                    "import",
                    "--omni-url",
                    sim,
                    "--omni-token-file",
                    none.toString())
                .names("--omni-token-file " + none)
                .fix("no such file"),
            row(
                    "token",
                    "a rejected API key (401)",
                    "import",
                    "--omni-url",
                    sim,
                    "--omni-token-file",
                    wrong.toString())
                .names("401", "--omni-token-file")
                .fix("check the Omni API key")));
    if (System.getenv("OMNI_URL") == null) {
      rows.add(
          row("omni-url", "no --omni-url", "import", "--omni-token-file", token())
              .names("--omni-url", "OMNI_URL")
              .fix("is required"));
    }
    if (System.getenv("OMNI_TOKEN") == null && System.getenv("OMNI_TOKEN_FILE") == null) {
      rows.add(
          row("token", "no API key at all", "import", "--omni-url", sim)
              .names("--omni-token-file", "OMNI_TOKEN")
              .fix("an Omni API key is required"));
    }
    return rows.stream();
  }
}
