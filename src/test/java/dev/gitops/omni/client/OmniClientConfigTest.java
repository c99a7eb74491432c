package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.omni.connection.SecretValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OmniClientConfigTest {

  private static final SecretValue TOKEN = SecretValue.of("omni-api-key-abc123");

  @Test
  void defaultsToV1WithDefaultTimeoutsAndUserAgent() {
    OmniClientConfig config = OmniClientConfig.of("https://myorg.omniapp.co/", TOKEN);

    assertThat(config.baseUrl()).isEqualTo("https://myorg.omniapp.co");
    assertThat(config.apiPrefix()).isEqualTo("v1");
    assertThat(config.isV1()).isTrue();
    assertThat(config.connectTimeout()).isEqualTo(OmniClientConfig.DEFAULT_CONNECT_TIMEOUT);
    assertThat(config.readTimeout()).isEqualTo(OmniClientConfig.DEFAULT_READ_TIMEOUT);
    // Tests run from classes, not a jar: no Implementation-Version.
    assertThat(config.userAgent()).isEqualTo("omni-operator/dev");
  }

  @Test
  void acceptsTheBetaPrefixAndALocalAddress() {
    OmniClientConfig config =
        new OmniClientConfig("http://127.0.0.1:8123", " Unstable ", TOKEN, null, null, "ua/1");

    assertThat(config.apiPrefix()).isEqualTo("unstable");
    assertThat(config.isV1()).isFalse();
    assertThat(config.baseUrl()).isEqualTo("http://127.0.0.1:8123");
    assertThat(config.userAgent()).isEqualTo("ua/1");
  }

  @Test
  void rejectsAnUnknownPrefixWithAClearMessage() {
    assertThatThrownBy(
            () -> new OmniClientConfig("https://x.omniapp.co", "v2", TOKEN, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"v1\" or \"unstable\"")
        .hasMessageContaining("\"v2\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "myorg.omniapp.co",
        "ftp://myorg.omniapp.co",
        "https://user:pass@myorg.omniapp.co",
        "https://myorg.omniapp.co?x=1",
        "https://myorg.omniapp.co/api",
        "https://myorg.omniapp.co/api/"
      })
  void rejectsABaseUrlThatIsNotTheInstanceAddress(String url) {
    assertThatThrownBy(() -> OmniClientConfig.of(url, TOKEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl")
        .hasMessageNotContaining("pass");
  }

  @Test
  void stripsATrailingNewlineFromTheTokenAndRejectsAnEmptyOne() {
    OmniClientConfig config = OmniClientConfig.of("https://x.omniapp.co", SecretValue.of("tok\n"));
    assertThat(config.token().reveal()).isEqualTo("tok");

    assertThatThrownBy(() -> OmniClientConfig.of("https://x.omniapp.co", SecretValue.of(" \n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> OmniClientConfig.of("https://x.omniapp.co", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsATokenThatCannotBeAHeaderValueWithoutPrintingIt() {
    assertThatThrownBy(
            () -> OmniClientConfig.of("https://x.omniapp.co", SecretValue.of("secret\ntwo")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 6")
        .hasMessageNotContaining("secret");
  }

  @Test
  void rejectsNonPositiveTimeouts() {
    OmniClientConfig config = OmniClientConfig.of("https://x.omniapp.co", TOKEN);
    assertThatThrownBy(() -> config.withTimeouts(Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> config.withTimeouts(null, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readTimeout");
  }

  @Test
  void toStringNeverShowsTheToken() {
    OmniClientConfig config =
        OmniClientConfig.of("https://x.omniapp.co", TOKEN).withApiPrefix("unstable");

    assertThat(config.toString())
        .doesNotContain(TOKEN.reveal())
        .contains("token=****", "apiPrefix=unstable", "https://x.omniapp.co");
  }
}
