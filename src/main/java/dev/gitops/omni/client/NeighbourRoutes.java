package dev.gitops.omni.client;

import dev.gitops.omni.connection.OmniFailure;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * The paths of the calls around a connection, which exist on Omni's {@code v1} API only: each is
 * built after checking the prefix (no request leaves on {@code unstable}) and every id.
 */
final class NeighbourRoutes {

  private final OmniExchange exchange;

  NeighbourRoutes(OmniExchange exchange) {
    this.exchange = exchange;
  }

  /** {@code connections/{id}/schedules[/{scheduleId}]}, after checking the prefix and the ids. */
  HttpUrl schedules(String connectionId, String scheduleId) {
    requireV1("schedules (/connections/{id}/schedules)");
    HttpUrl.Builder url =
        exchange
            .api()
            .addPathSegment("connections")
            .addPathSegment(OmniExchange.segment(connectionId, "connection"))
            .addPathSegment("schedules");
    if (scheduleId != null) {
      url.addPathSegment(OmniExchange.segment(scheduleId, "schedule"));
    }
    return url.build();
  }

  /** {@code connection-environments[/{id}]}, after checking the prefix and the id. */
  HttpUrl environments(String linkId) {
    requireV1("connection environments (/connection-environments)");
    HttpUrl.Builder url = exchange.api().addPathSegment("connection-environments");
    if (linkId != null) {
      url.addPathSegment(OmniExchange.segment(linkId, "connection environment"));
    }
    return url.build();
  }

  private void requireV1(String what) {
    OmniClientConfig config = exchange.config();
    if (!config.isV1()) {
      throw new OmniApiException(
          OmniFailure.INVALID_REQUEST,
          0,
          "Omni's beta API (/api/"
              + config.apiPrefix()
              + ") has no "
              + what
              + ": use apiPrefix v1");
    }
  }

  /**
   * Whether the environments GET failed because this Omni has no such route: older instances answer
   * 404; a 405, or Omni's own 400 {@code Invalid method}, says the same.
   */
  static boolean noSuchRoute(OmniApiException e) {
    return e.status() == 404
        || e.status() == 405
        || (e.status() == 400 && e.detail().toLowerCase(Locale.ROOT).contains("invalid method"));
  }
}
