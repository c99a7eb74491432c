package dev.gitops.omni.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.omni.connection.RefreshSchedule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per way Omni's schedules can differ from the spec's. */
class SchedulePlanTest {
  static final String NINE = "0 9 ? * MON-FRI *";
  static final String SIX = "0 6 * * ? *";

  static RefreshSchedule want(String cron, String zone) {
    return new RefreshSchedule(null, cron, zone);
  }

  static RefreshSchedule has(String id, String cron, String zone) {
    return new RefreshSchedule(id, cron, zone);
  }

  record Row(
      String name,
      List<RefreshSchedule> desired,
      List<RefreshSchedule> observed,
      String summary,
      List<String> keptIds,
      List<String> updatedIds,
      List<String> deletedIds) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "nothing anywhere", List.of(), List.of(), "in sync", List.of(), List.of(), List.of()),
        new Row(
            "in sync",
            List.of(want(NINE, "UTC")),
            List.of(has("s1", NINE, "UTC")),
            "in sync",
            List.of("s1"),
            List.of(),
            List.of()),
        new Row(
            "a new connection: every schedule created",
            List.of(want(NINE, "UTC"), want(SIX, "UTC")),
            List.of(),
            "create 2",
            List.of(),
            List.of(),
            List.of()),
        new Row(
            "the spec changed a cron: one PUT, not a DELETE and a POST",
            List.of(want(SIX, "UTC")),
            List.of(has("s1", NINE, "UTC")),
            "update 1",
            List.of(),
            List.of("s1"),
            List.of()),
        new Row(
            "the spec changed a zone",
            List.of(want(NINE, "Europe/Berlin")),
            List.of(has("s1", NINE, "UTC")),
            "update 1",
            List.of(),
            List.of("s1"),
            List.of()),
        new Row(
            "a schedule added in Omni's UI is removed",
            List.of(want(NINE, "UTC")),
            List.of(has("s1", NINE, "UTC"), has("s2", SIX, "UTC")),
            "delete 1",
            List.of("s1"),
            List.of(),
            List.of("s2")),
        new Row(
            "an empty list empties Omni",
            List.of(),
            List.of(has("s1", NINE, "UTC"), has("s2", SIX, "UTC")),
            "delete 2",
            List.of(),
            List.of(),
            List.of("s1", "s2")),
        new Row(
            "a schedule deleted in Omni is created again",
            List.of(want(NINE, "UTC"), want(SIX, "UTC")),
            List.of(has("s2", SIX, "UTC")),
            "create 1",
            List.of("s2"),
            List.of(),
            List.of()),
        new Row(
            "a matching schedule made by hand is adopted",
            List.of(want(NINE, "UTC")),
            List.of(has("by-hand", NINE, "UTC")),
            "in sync",
            List.of("by-hand"),
            List.of(),
            List.of()),
        new Row(
            "Omni holds the same schedule twice: one kept, one deleted",
            List.of(want(NINE, "UTC")),
            List.of(has("s1", NINE, "UTC"), has("s2", NINE, "UTC")),
            "delete 1",
            List.of("s1"),
            List.of(),
            List.of("s2")),
        new Row(
            "more missing than extra: reuse, then create",
            List.of(want(NINE, "UTC"), want(SIX, "UTC"), want(SIX, "Asia/Tokyo")),
            List.of(has("s1", "0 0 * * ? *", "UTC")),
            "create 2, update 1",
            List.of(),
            List.of("s1"),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plans(Row row) {
    SchedulePlan p = SchedulePlan.of(row.desired(), row.observed());

    assertThat(p.summary()).isEqualTo(row.summary());
    assertThat(p.kept()).extracting(RefreshSchedule::id).containsExactlyElementsOf(row.keptIds());
    assertThat(p.updates())
        .extracting(RefreshSchedule::id)
        .containsExactlyElementsOf(row.updatedIds());
    assertThat(p.deletes())
        .extracting(RefreshSchedule::id)
        .containsExactlyElementsOf(row.deletedIds());
    assertThat(p.creates()).allMatch(c -> c.id() == null);
    assertThat(p.inSync()).isEqualTo("in sync".equals(row.summary()));
    // carried out, the plan leaves exactly the spec's schedules
    List<String> after =
        Stream.of(p.kept(), p.updates(), p.creates())
            .flatMap(List::stream)
            .map(s -> s.schedule() + "@" + s.timezone())
            .sorted()
            .toList();
    assertThat(after)
        .containsExactlyElementsOf(
            row.desired().stream().map(s -> s.schedule() + "@" + s.timezone()).sorted().toList());
  }
}
