package dev.pulse.server.realtime;

import dev.pulse.server.auth.Identity;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Payloads;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.presence.PresenceService;
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
 * activity for presence, a payload that is an object, the identity check, and one reply
 * envelope. A failure is never dropped silently: it goes to the ack or, without one, to an
 * {@code error} event.
 */
public final class EventRouter {
  private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

  private record Route(RateLimiter limiter, EventHandler handler, boolean activity) {}

  private final Map<String, Route> routes = new HashMap<>();
  private final RateLimiter fallbackLimiter;
  private final PresenceService presence;
  private final Clock clock;

  public EventRouter(RateLimiter fallbackLimiter, PresenceService presence, Clock clock) {
    this.fallbackLimiter = fallbackLimiter;
    this.presence = presence;
    this.clock = clock;
  }

  public EventRouter on(String event, RateLimiter limiter, EventHandler handler) {
    routes.put(event, new Route(limiter, handler, true));
    return this;
  }

  /** An event the client sends by itself (a token refresh): it is no sign that the person is there. */
  public EventRouter onBackground(String event, EventHandler handler) {
    routes.put(event, new Route(fallbackLimiter, handler, false));
    return this;
  }

  public EventRouter on(String event, EventHandler handler) {
    return on(event, fallbackLimiter, handler);
  }

  /** Dispatches one event from {@code session}'s socket. */
  public void dispatch(Session session, String event, JsonArray args, Ack ack) {
    if (!clock.instant().isBefore(session.tokenExpires())) {
      // TokenExpiry closes the connection at expiry; an event can still race in just before
      JsonObject error = TokenExpiry.error(event);
      if (ack.requested()) {
        ack.send(Envelope.failed(error.copy()));
      }
      session.socket().emit("error", error);
      session.socket().disconnect();
      return;
    }
    Route route = routes.get(event);
    Future<JsonObject> result = (route == null ? fallbackLimiter : route.limiter()).acquire(session.username())
        .compose(v -> {
          if (route == null || route.activity()) {
            presence.activity(session.username());
          }
          if (route == null) {
            throw DomainException.invalid("Unknown event '" + event + "'");
          }
          JsonObject payload = payload(event, args);
          Identity.requireSelf(session.username(), payload);
          return route.handler().handle(session, payload);
        });
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        if (ack.requested()) {
          ack.send(Envelope.ok(ar.result()));
        }
        return;
      }
      JsonObject error = errorOf(event, session, ar.cause());
      if (ack.requested()) {
        ack.send(Envelope.failed(error));
      } else if (session.socket().connected()) {
        session.socket().emit("error", error.copy().put("event", event));
      }
    });
  }

  private static JsonObject payload(String event, JsonArray args) {
    Object first = args.isEmpty() ? null : args.getValue(0);
    if (!(first instanceof JsonObject payload)) {
      throw DomainException.invalid("'" + event + "' expects one JSON object");
    }
    Payloads.requireClean(payload);
    return payload;
  }

  private static JsonObject errorOf(String event, Session session, Throwable cause) {
    if (cause instanceof DomainException e) {
      return Envelope.error(e);
    }
    log.error("event '{}' from {} failed", event, session.username(), cause);
    return Envelope.error("internal", "Something went wrong on the server");
  }
}
