package dev.pulse.server.realtime;

import dev.pulse.server.members.Member;
import dev.pulse.server.presence.PresenceChange;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.socketio.BroadcastOperator;
import dev.pulse.socketio.Namespace;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Presence between sockets and the {@link PresenceService}: connections opening and closing go
 * in, each {@link PresenceChange} goes out as {@code user_online}, {@code user_offline} or
 * {@code presence_update}: one broadcast, encoded once, to the sockets that hear the user (the
 * user's presence room: watchers and conversation partners; and the sockets that hear everyone),
 * never to the users the subject blocked. Event loop only.
 */
public final class PresenceRelay implements ConnectionListener {
  private final Namespace namespace;
  private final PresenceService presence;
  private final OnlineCounts counts;
  /** Sockets gone quiet (see {@link dev.pulse.socketio.Socket#onQuiet}): not counted as present. */
  private final Set<String> quiet = new HashSet<>();

  public PresenceRelay(Namespace namespace, PresenceService presence, OnlineCounts counts) {
    this.namespace = namespace;
    this.presence = presence;
    this.counts = counts;
    presence.onChange(this::announce);
  }

  @Override
  public void opened(Session session, Member member) {
    String id = session.socket().id();
    presence.connected(member, id);
    counts.welcome(session.socket(), session.username());
    // a polling tab closed between two polls is only noticed by its silence: its user's grace
    // period starts when it goes quiet, and ends unannounced if it asks again in time
    session.socket().onQuiet(nowQuiet -> {
      if (nowQuiet && quiet.add(id)) {
        presence.disconnected(session.username(), id);
      } else if (!nowQuiet && quiet.remove(id)) {
        presence.connected(member, id);
      }
    });
  }

  @Override
  public void closed(Session session) {
    String id = session.socket().id();
    if (!quiet.remove(id)) {
      presence.disconnected(session.username(), id);
    }
  }

  private void announce(PresenceChange change) {
    if (change instanceof PresenceChange.Online online) {
      // not to the user's own sockets: they know, and a burst of arrivals is all the fan-out there is
      listeners(change, false).except(Rooms.user(online.username())).emit("user_online", new JsonObject()
          .put("username", online.username()).put("status", online.view().status().wire())
          .put("statusText", online.view().statusText()));
      counts.changed();
    } else if (change instanceof PresenceChange.Offline offline) {
      listeners(change, false).emit("user_offline", new JsonObject().put("username", offline.username())
          .put("lastSeen", offline.lastSeen().toString()));
      counts.changed();
    } else if (change instanceof PresenceChange.StatusChanged status) {
      var v = status.view();
      // also to the user's own sockets: another tab changed it, or they went idle
      listeners(change, true).emit("presence_update", new JsonObject().put("username", v.username())
          .put("status", v.status().wire()).put("statusText", v.statusText())
          .put("lastSeen", v.lastSeen() == null ? null : v.lastSeen().toString()));
    }
  }

  /** Who hears of the subject (and, with {@code self}, their own sockets), but the users they blocked. */
  private BroadcastOperator listeners(PresenceChange change, boolean self) {
    String username = change.username();
    BroadcastOperator to = self
        ? namespace.to(Rooms.presenceOf(username), Rooms.EVERYONE_PRESENCE, Rooms.user(username))
        : namespace.to(Rooms.presenceOf(username), Rooms.EVERYONE_PRESENCE);
    Set<String> blocked = change.hiddenFrom();
    return blocked.isEmpty() ? to : to.except(blocked.stream().map(Rooms::user).toArray(String[]::new));
  }
}
