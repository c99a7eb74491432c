package dev.gitops.omni.cli;

import static dev.gitops.omni.cli.PlanCommandFixture.JSON;
import static dev.gitops.omni.cli.PlanCommandFixture.find;
import static dev.gitops.omni.cli.PlanCommandFixture.line;
import static dev.gitops.omni.cli.PlanCommandFixture.pg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.omni.simulator.Organisations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code plan} and {@code import} against an older Omni without {@code GET
 * connection-environments}.
 */
class EnvironmentListlessTest {
  @RegisterExtension final OmniFixture omni = new OmniFixture(b -> b.environmentListMissing(true));

  @Test
  void whetherALinkExistsIsUnknownAndSaidSoWithoutAnError() throws Exception {
    Map<String, Object> settings = Map.of("database", "analytics", "baseRole", "VIEWER");
    Map<String, Object> withAttribute = new java.util.HashMap<>(settings);
    withAttribute.put(
        "environmentUserAttribute", Map.of("attributeName", "env", "defaultValues", List.of()));
    omni.seed("postgres", "base", withAttribute);
    omni.seed("postgres", "dev", settings);
    Path f =
        omni.write(
            "envs.yaml",
            pg("base", "environmentUserAttribute: {attributeName: env}")
                + pg("dev", "environmentOf: {name: base, userAttributeValues: [dev]}"));

    Cli.Result text = omni.run("plan", "-f", f.toString());

    assertThat(text.code()).as(text.all()).isZero();
    assertThat(line(text.out(), "team/dev"))
        .contains("unknown")
        .contains("this Omni has no GET connection-environments");
    assertThat(text.out()).contains("Environment links: 0 to change, 1 unknown.");
    assertThat(omni.sim.count("environment-list")).isEqualTo(1);
    JsonNode doc = JSON.readTree(omni.run("plan", "-f", f.toString(), "-o", "json").out());
    assertThat(find(doc, "team/dev").at("/environmentLink/status").asText()).isEqualTo("unknown");
  }

  @Test
  void importSaysTheLinksCannotBeReadAndImportsTheRest() throws Exception {
    String id = omni.seed("postgres", "sales", Map.of("database", "analytics"));
    omni.sim.organisation(Organisations.DEFAULT).seedSchedule(id, "0 9 ? * MON-FRI *", "UTC");

    Cli.Result imported = omni.run("import");

    assertThat(imported.code()).as(imported.all()).isZero();
    assertThat(imported.err())
        .contains("# environment links not imported: this Omni has no GET connection-environments");
    assertThat(imported.out()).contains("schemaRefreshSchedules").doesNotContain("environmentOf");
  }
}
