package dev.gitops.omni.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.RefreshSchedule;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 2xx answers the neighbour calls cannot act on: a read is an error (retryable, never half a list),
 * a create that may have happened is terminal (so no duplicate).
 */
class NeighbourUnreadableAnswersTest {

  private static final String ID = NeighbourScheduleCallsTest.CONNECTION;
  private static final RefreshSchedule NINE = new RefreshSchedule(null, "0 9 * * ? *", "UTC");

  @RegisterExtension final MockOmni omni = new MockOmni();
  private final OkHttpNeighbourClient client = omni.neighbours("v1");

  /** A list Omni answered that the client cannot read in full is an error, never half a list. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html>login</html>",
        "{\"success\": true}",
        "{\"schedules\": [{\"scheduleId\": \"s-1\", \"schedule\": \"0 9 * * ? *\"}]}",
        "[{\"id\": \"s-1\", \"timezone\": \"UTC\"}]",
        "{\"schedules\": [{\"uuid\": \"s-1\", \"schedule\": \"0 9 * * ? *\", \"timezone\": \"UTC\"}]}"
      })
  void anUnreadableScheduleListIsRetryable(String body) {
    omni.answer(new MockResponse.Builder().code(200).body(body).build());

    OmniApiException e = catchThrowableOfType(OmniApiException.class, () -> client.schedules(ID));

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
    assertThat(e.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html>login</html>",
        "{\"success\": true}",
        "{\"data\": [{\"id\": \"env-rec-1\", \"baseConnectionId\": \"b\"}]}",
        "[{\"environmentConnectionId\": \"e-1\"}]"
      })
  void anUnreadableEnvironmentListIsRetryable(String body) {
    omni.answer(new MockResponse.Builder().code(200).body(body).build());

    OmniApiException e = catchThrowableOfType(OmniApiException.class, client::environments);

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
  }

  /** A create whose answer names nothing may still have created: terminal, so no duplicate. */
  @Test
  void aCreateWithoutTheNewIdsIsTerminal() {
    omni.answer(new MockResponse.Builder().code(201).body("{\"success\": true}").build());
    omni.answer(
        new MockResponse.Builder().code(201).body("{\"success\": true, \"data\": []}").build());

    OmniApiException schedule =
        catchThrowableOfType(OmniApiException.class, () -> client.createSchedule(ID, NINE));
    OmniApiException link =
        catchThrowableOfType(
            OmniApiException.class, () -> client.linkEnvironments(ID, List.of("e-1")));

    assertThat(schedule.kind()).isEqualTo(OmniFailure.INVALID_REQUEST);
    assertThat(schedule.detail()).contains("list the connection's schedules before creating again");
    assertThat(link.kind()).isEqualTo(OmniFailure.INVALID_REQUEST);
    assertThat(link.detail()).contains("may have been made");
  }

  @Test
  void anUpdateAnsweredWithAPageIsRetryable() {
    omni.answer(new MockResponse.Builder().code(200).body("<html>login</html>").build());

    OmniApiException e =
        catchThrowableOfType(OmniApiException.class, () -> client.updateSchedule(ID, "s-1", NINE));

    assertThat(e.kind()).isEqualTo(OmniFailure.UNAVAILABLE);
  }
}
