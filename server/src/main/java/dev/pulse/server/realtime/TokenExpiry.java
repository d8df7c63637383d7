package dev.pulse.server.realtime;

import dev.pulse.server.auth.TokenService;
import dev.pulse.socketio.Socket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Closes each connection when its token expires, also when it sends nothing. One timer serves
 * every connection: it is set for the earliest expiry, closes whatever is due and sets itself for
 * the next. The closed client gets {@code error {code: unauthorized, message: token expired}},
 * the same as for an event sent too late, and logs in again. A client that sends
 * {@code refresh_token} with a fresh token of the same session before then keeps its connection
 * ({@link #renew}). Event loop only.
 */
public final class TokenExpiry {
  private final Vertx vertx;
  private final Clock clock;
  private final TreeMap<Long, Set<Socket>> byExpiry = new TreeMap<>();
  private long timer = -1;
  private long timerDue = Long.MAX_VALUE;

  public TokenExpiry(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  /** The error a connection gets when its token has expired; {@code event} names what it sent, if anything. */
  static JsonObject error(String event) {
    JsonObject error = Envelope.error("unauthorized", TokenService.EXPIRED);
    return event == null ? error : error.put("event", event);
  }

  public void track(Session session) {
    long due = session.tokenExpires().toEpochMilli();
    byExpiry.computeIfAbsent(due, d -> new HashSet<>()).add(session.socket());
    if (due < timerDue) {
      schedule(due);
    }
  }

  public void untrack(Session session) {
    long due = session.tokenExpires().toEpochMilli();
    Set<Socket> sockets = byExpiry.get(due);
    if (sockets != null && sockets.remove(session.socket()) && sockets.isEmpty()) {
      byExpiry.remove(due);
    }
  }

  /** Moves {@code session}'s expiry to that of the fresh token it handed over. */
  public void renew(Session session, Instant expires) {
    untrack(session);
    session.tokenExpires(expires);
    track(session);
  }

  private void schedule(long due) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    timerDue = due;
    timer = vertx.setTimer(Math.max(1, due - clock.millis()), id -> {
      timer = -1;
      timerDue = Long.MAX_VALUE;
      closeDue();
    });
  }

  private void closeDue() {
    long now = clock.millis();
    while (!byExpiry.isEmpty() && byExpiry.firstKey() <= now) {
      // taken out first, so the untrack that each disconnect triggers finds nothing to change
      for (Socket socket : byExpiry.pollFirstEntry().getValue()) {
        socket.emit("error", error(null));
        socket.disconnect();
      }
    }
    if (!byExpiry.isEmpty()) {
      schedule(byExpiry.firstKey());
    }
  }
}
