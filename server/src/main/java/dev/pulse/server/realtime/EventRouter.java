package dev.pulse.server.realtime;

import dev.pulse.server.api.ApiException;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.presence.PresenceTracker;
import dev.pulse.socketio.Ack;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes client events to their handlers with what every event needs: the sender's rate limit,
 * a payload that is an object, identity checks on {@code from} / {@code username}, and one reply
 * envelope. A failure is never dropped silently: it goes to the ack or, without one, to an
 * {@code error} event.
 */
public final class EventRouter {
  private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

  private record Route(RateLimiter limiter, EventHandler handler) {}

  private final Map<String, Route> routes = new HashMap<>();
  private final RateLimiter fallbackLimiter;
  private final PresenceTracker presence;
  private final PulseMetrics metrics;
  private final Clock clock;

  public EventRouter(RateLimiter fallbackLimiter, PresenceTracker presence, PulseMetrics metrics, Clock clock) {
    this.clock = clock;
    this.fallbackLimiter = fallbackLimiter;
    this.presence = presence;
    this.metrics = metrics;
  }

  public EventRouter on(String event, RateLimiter limiter, EventHandler handler) {
    routes.put(event, new Route(limiter, handler));
    return this;
  }

  public EventRouter on(String event, EventHandler handler) {
    return on(event, fallbackLimiter, handler);
  }

  /** Dispatches one event from {@code session}'s socket. */
  public void dispatch(Session session, String event, JsonArray args, Ack ack) {
    Route route = routes.get(event);
    RateLimiter limiter = route == null ? fallbackLimiter : route.limiter();
    Future<JsonObject> result;
    if (!clock.instant().isBefore(session.tokenExpires())) {
      // TokenExpiry closes the connection at expiry; an event can still race in just before
      JsonObject error = TokenExpiry.error(event);
      if (ack.requested()) {
        ack.send(new JsonObject().put("ok", false).put("error", error.copy()));
      }
      session.socket().emit("error", error);
      session.socket().disconnect();
      return;
    }
    try {
      limiter.take(session.username());
      presence.activity(session.username());
      if (route == null) {
        throw ApiException.badRequest("Unknown event '" + event + "'");
      }
      result = route.handler().handle(session, payload(session, event, args));
    } catch (ApiException e) {
      if ("rate_limited".equals(e.code())) {
        metrics.rateLimited(limiter.kind());
      }
      result = Future.failedFuture(e);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        if (ack.requested()) {
          ack.send(new JsonObject().put("ok", true).mergeIn(ar.result() == null ? new JsonObject() : ar.result()));
        }
        return;
      }
      JsonObject error = errorOf(event, session, ar.cause());
      if (ack.requested()) {
        ack.send(new JsonObject().put("ok", false).put("error", error));
      } else if (session.socket().connected()) {
        session.socket().emit("error", error.copy().put("event", event));
      }
    });
  }

  private static JsonObject payload(Session session, String event, JsonArray args) {
    Object first = args.isEmpty() ? null : args.getValue(0);
    if (!(first instanceof JsonObject payload)) {
      throw ApiException.badRequest("'" + event + "' expects one JSON object");
    }
    for (String field : new String[] {"from", "username"}) {
      Object claimed = payload.getValue(field);
      if (claimed != null && !session.username().equals(claimed)) {
        throw ApiException.forbidden("You are signed in as " + session.username()
            + "; '" + field + "' cannot name someone else");
      }
    }
    return payload;
  }

  private static JsonObject errorOf(String event, Session session, Throwable cause) {
    if (cause instanceof ApiException e) {
      return new JsonObject().put("code", e.code()).put("message", e.getMessage());
    }
    log.error("event '{}' from {} failed", event, session.username(), cause);
    return new JsonObject().put("code", "internal").put("message", "Something went wrong on the server");
  }
}
