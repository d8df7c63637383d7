package dev.pulse.server.realtime;

import dev.pulse.server.auth.Sessions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Closes the connections of sign-in sessions that ended (logout, logout everywhere, a password
 * change, a deleted account), on whichever node they are: every node hears of every end (see
 * {@link Sessions#onEnded}) and closes its own. The client gets
 * {@code error {code: unauthorized, message: session ended}} first. Event loop only.
 */
public final class SessionEnds {
  private final Sessions sessions;
  private final Map<String, Set<Session>> bySession = new HashMap<>();

  public SessionEnds(Sessions sessions) {
    this.sessions = sessions;
    sessions.onEnded(ids -> ids.forEach(this::close));
  }

  void track(Session session) {
    bySession.computeIfAbsent(session.sessionId(), id -> new HashSet<>()).add(session);
  }

  void untrack(Session session) {
    Set<Session> open = bySession.get(session.sessionId());
    if (open != null && open.remove(session) && open.isEmpty()) {
      bySession.remove(session.sessionId());
    }
  }

  /** Closes {@code session}'s connection when its sign-in session has ended already; true then. */
  boolean closeIfEnded(Session session) {
    if (!sessions.endedRecently(session.sessionId())) {
      return false;
    }
    close(session.sessionId());
    return true;
  }

  /**
   * Asks the database which of the sessions connected here still exist and closes the others:
   * for when ends told by other nodes may have been missed (the link to them was down).
   */
  public void recheck() {
    sessions.forgetCached();
    sessions.stillStored(bySession.keySet()).onSuccess(stored -> List.copyOf(bySession.keySet()).forEach(id -> {
      if (!stored.contains(id)) {
        close(id);
      }
    }));
  }

  private void close(String sessionId) {
    Set<Session> open = bySession.remove(sessionId);
    if (open == null) {
      return;
    }
    for (Session session : List.copyOf(open)) {
      session.socket().emit("error", error());
      session.socket().disconnect();
    }
  }

  static JsonObject error() {
    return Envelope.error("unauthorized", Sessions.ENDED);
  }
}
