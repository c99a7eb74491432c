package dev.gitops.omni.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sections of bench/results.md other runs own, and the route labels of {@link KeyTap}. */
class ReportSectionsTest {

  @Test
  void aSectionIsReplacedInPlaceAppendedWhenMissingAndCarriedOver(@TempDir Path dir)
      throws Exception {
    String text = "# t\n\n## A\n\na\n\n## K keys (issue 12)\n\nold\n\n## B\n\nb\n";
    String replaced =
        ReportSections.replace(text, KeysReport.HEADING, "## K keys (issue 12)\n\nnew\n");
    assertThat(replaced)
        .isEqualTo("# t\n\n## A\n\na\n\n## K keys (issue 12)\n\nnew\n\n## B\n\nb\n");
    assertThat(ReportSections.replace("# t\n", "## X", "## X\n\nx\n"))
        .isEqualTo("# t\n\n## X\n\nx\n");

    Path file = dir.resolve("results.md");
    Files.writeString(file, text);
    assertThat(ReportSections.existing(file, KeysReport.HEADING))
        .isEqualTo("## K keys (issue 12)\n\nold\n\n");
    ReportSections.write(file, KeysReport.HEADING, "## K keys (issue 12)\n\nnewer\n\n\n");
    assertThat(Files.readString(file))
        .isEqualTo("# t\n\n## A\n\na\n\n## K keys (issue 12)\n\nnewer\n\n## B\n\nb\n");
  }

  @Test
  void theTapNamesRoutesAsTheSimulatorDoes() {
    assertThat(KeyTap.route("GET", "/api/v1/connections")).isEqualTo("list");
    assertThat(KeyTap.route("GET", "/api/unstable/connections/abc")).isEqualTo("get");
    assertThat(KeyTap.route("POST", "/api/v1/connections")).isEqualTo("create");
    assertThat(KeyTap.route("PATCH", "/api/v1/connections/abc")).isEqualTo("patch");
    assertThat(KeyTap.route("DELETE", "/api/v1/connections/abc")).isEqualTo("delete");
    assertThat(KeyTap.route("GET", "/metrics")).isEqualTo("unknown");
  }
}
