package dev.gitops.omni.client;

import dev.gitops.omni.client.OmniExchange.Reply;
import dev.gitops.omni.connection.EnvironmentLink;
import dev.gitops.omni.connection.OmniFailure;
import dev.gitops.omni.connection.RefreshSchedule;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * {@link NeighbourClient} over the HTTP exchange of an {@link OkHttpOmniClient}: the same
 * OkHttpClient, key (a rotated one too), timeouts, no retries, no redirects and error mapping. One
 * call, one request. Omni's beta prefix ({@code unstable}) has none of these calls: there every
 * method throws an {@link OmniApiException} ({@link OmniFailure#INVALID_REQUEST}, status 0) without
 * sending anything.
 */
public final class OkHttpNeighbourClient implements NeighbourClient {

  /** A 2xx whose body is not what the call needs (a proxy's page, say): worth another try. */
  private static final OmniFailure UNREADABLE = OmniFailure.UNAVAILABLE;

  private final OmniExchange exchange;
  private final NeighbourRoutes routes;

  /** Sends through {@code client}'s exchange; closing {@code client} closes this one's too. */
  public OkHttpNeighbourClient(OkHttpOmniClient client) {
    this.exchange = client.exchange();
    this.routes = new NeighbourRoutes(exchange);
  }

  @Override
  public List<RefreshSchedule> schedules(String connectionId) {
    Reply reply = send(exchange.request(routes.schedules(connectionId, null)).get());
    List<RefreshSchedule> schedules = ScheduleReader.list(reply.json());
    if (schedules == null) {
      throw OmniErrors.malformed(
          reply.status(), "a list of schedules, each with its id, cron and time zone", UNREADABLE);
    }
    return schedules;
  }

  @Override
  public RefreshSchedule createSchedule(String connectionId, RefreshSchedule schedule) {
    HttpUrl url = routes.schedules(connectionId, null);
    Reply reply = send(exchange.request(url).post(body(NeighbourBodies.schedule(schedule))));
    RefreshSchedule created = ScheduleReader.answer(reply.json(), null, schedule);
    if (created == null) {
      // Terminal on purpose: the schedule probably exists, and a retry would duplicate it.
      throw OmniErrors.malformed(
          reply.status(),
          "the new schedule; it may have been created: list the connection's schedules before"
              + " creating again",
          OmniFailure.INVALID_REQUEST);
    }
    return created;
  }

  @Override
  public RefreshSchedule updateSchedule(
      String connectionId, String scheduleId, RefreshSchedule schedule) {
    HttpUrl url = routes.schedules(connectionId, scheduleId);
    Reply reply = send(exchange.request(url).put(body(NeighbourBodies.schedule(schedule))));
    var json = reply.json();
    if (json == null && !reply.body().isBlank()) {
      throw OmniErrors.malformed(reply.status(), "a JSON answer", UNREADABLE);
    }
    // What PUT answers is not documented: without a whole schedule, what was sent is what holds.
    String id = OmniExchange.segment(scheduleId, "schedule");
    return ScheduleReader.answer(json, id, schedule);
  }

  @Override
  public void deleteSchedule(String connectionId, String scheduleId) {
    send(exchange.request(routes.schedules(connectionId, scheduleId)).delete());
  }

  @Override
  public Optional<List<EnvironmentLink>> environments() {
    Reply reply;
    try {
      reply = send(exchange.request(routes.environments(null)).get());
    } catch (OmniApiException e) {
      if (NeighbourRoutes.noSuchRoute(e)) {
        return Optional.empty();
      }
      throw e;
    }
    List<EnvironmentLink> links = EnvironmentLinkReader.list(reply.json(), null);
    if (links == null) {
      throw OmniErrors.malformed(
          reply.status(), "a list of environment records, each with its ids", UNREADABLE);
    }
    return Optional.of(links);
  }

  @Override
  public List<EnvironmentLink> linkEnvironments(String baseConnectionId, List<String> ids) {
    HttpUrl url = routes.environments(null);
    byte[] json = NeighbourBodies.link(baseConnectionId, ids);
    Reply reply = send(exchange.request(url).post(body(json)));
    String base = OmniExchange.segment(baseConnectionId, "base connection");
    List<EnvironmentLink> links = EnvironmentLinkReader.list(reply.json(), base);
    if (links == null || links.isEmpty()) {
      throw OmniErrors.malformed(
          reply.status(),
          "the new environment records; the links may have been made in Omni",
          OmniFailure.INVALID_REQUEST);
    }
    return links;
  }

  @Override
  public void setEnvironmentValues(String linkId, List<String> userAttributeValues) {
    HttpUrl url = routes.environments(linkId);
    send(exchange.request(url).put(body(NeighbourBodies.values(userAttributeValues))));
  }

  @Override
  public void unlinkEnvironment(String linkId) {
    send(exchange.request(routes.environments(linkId)).delete());
  }

  @Override
  public String toString() {
    return "OkHttpNeighbourClient[" + exchange.config() + "]";
  }

  private Reply send(Request.Builder request) {
    return exchange.execute(request.build(), List.of());
  }

  private static RequestBody body(byte[] json) {
    return OmniExchange.json(json);
  }
}
