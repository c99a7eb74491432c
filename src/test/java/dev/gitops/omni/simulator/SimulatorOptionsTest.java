package dev.gitops.omni.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorOptionsTest {

  @Test
  void defaults() {
    SimulatorOptions o = SimulatorOptions.defaults();

    assertThat(o.port()).isZero();
    assertThat(o.tokens()).containsExactly("sim-token");
    assertThat(o.readOnlyTokens()).isEmpty();
    assertThat(o.rateLimitPerMinute()).isEqualTo(60);
    assertThat(o.rateLimitWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.latency()).isEqualTo(Latency.NONE);
    assertThat(o.error5xxRate()).isZero();
    assertThat(o.dropCreateRate()).isZero();
    assertThat(o.newConnectionInvisibleFor()).isZero();
    assertThat(o.legacyWireShapes()).isFalse();
    assertThat(o.scheduleNotReadyFor()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.environmentListMissing()).isFalse();
  }

  @CsvSource({"250ms, 250", "2s, 2000", "1.5s, 1500", "1m, 60000", "PT0.5S, 500", "75, 75", "0, 0"})
  @ParameterizedTest
  void durationsFromFlags(String flag, long millis) {
    assertThat(SimulatorOptions.parseDuration(flag)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void badValuesAreRefused() {
    assertThatThrownBy(() -> SimulatorOptions.parseDuration("soon"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.builder().error5xxRate(1.5).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.builder().rateLimitPerMinute(-1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.builder().tokens().build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> SimulatorOptions.builder().scheduleNotReadyFor(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scheduleNotReadyFor must not be negative");
  }

  @Test
  void csvFlagsAndToBuilder() {
    SimulatorOptions o =
        SimulatorOptions.builder()
            .tokens(SimulatorOptions.csv(" a, b ,,c"))
            .customRoles(SimulatorOptions.csv("ANALYST"))
            .scheduleNotReadyFor(Duration.ofMillis(250))
            .environmentListMissing(true)
            .build();

    assertThat(o.tokens()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(o.toBuilder().build()).isEqualTo(o);
  }
}
