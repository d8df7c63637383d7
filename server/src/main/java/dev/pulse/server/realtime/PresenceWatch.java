package dev.pulse.server.realtime;

import dev.pulse.server.chat.Inbox;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code presence_watch {usernames}}: the socket then hears {@code user_online},
 * {@code user_offline} and {@code presence_update} only of those users and of the people its user
 * has a conversation with (loaded now; a conversation that starts later is added by
 * {@link ChatPush}), instead of everyone's. Each call replaces the previous list. The ack gives
 * the current presence of each user named, as the watcher may see it; it is sent after the socket
 * joined their rooms, so it is never older than an event the socket got before it.
 *
 * <p>A client that connects with {@code auth: {token, watch: true}} says it will send its watch:
 * its socket hears no one's presence until then, rather than everyone's. When many connect at
 * once (a restart, the evening rush), that spares each of them the arrivals of all the others
 * in the moment before its watch arrives.
 *
 * <p>It is expressed as rooms ({@link Rooms#presenceOf}): one broadcast per change reaches exactly
 * its listeners. Event loop only.
 */
final class PresenceWatch {
  private static final String FIELD = "usernames";
  private static final String HANDSHAKE_FLAG = "watch";

  /**
   * A socket's watch: the rooms it joined for it, and the number of its latest request. The rooms
   * are a plain array of the adapter's own name instances: tens of thousands of sockets each
   * watching a page of users would otherwise hold a set and copies of the names apiece.
   */
  private static final class Watch {
    String[] rooms = new String[0];
    int latest;
  }

  private final PresenceService presence;
  private final Inbox inbox;
  private final int max;
  private final Map<String, Watch> watches = new HashMap<>();

  PresenceWatch(PresenceService presence, Inbox inbox, int max) {
    this.presence = presence;
    this.inbox = inbox;
    this.max = max;
  }

  /**
   * True when the client said in its handshake that it will send {@code presence_watch}
   * ({@code true}, or {@code "true"} from clients whose auth holds strings only).
   */
  static boolean announced(Socket socket) {
    Object flag = socket.handshake().auth().getValue(HANDSHAKE_FLAG);
    return Boolean.TRUE.equals(flag) || "true".equals(flag);
  }

  Future<JsonObject> watch(Session s, JsonObject payload) {
    Set<String> usernames = usernames(payload);
    Socket socket = s.socket();
    Watch watch = watches.get(socket.id());
    if (watch == null) {
      watch = new Watch();
      watches.put(socket.id(), watch);
      socket.onDisconnect(reason -> watches.remove(socket.id()));
    }
    Watch mine = watch;
    int request = ++watch.latest;
    return inbox.partners(s.username()).compose(partners -> {
      // a later request from the same socket decides the rooms, whichever finishes first
      if (request == mine.latest && socket.connected()) {
        Set<String> rooms = new HashSet<>();
        usernames.forEach(u -> rooms.add(Rooms.presenceOf(u)));
        partners.forEach(u -> rooms.add(Rooms.presenceOf(u)));
        replace(socket, mine, rooms);
      }
      return presence.viewsFor(s.username(), usernames);
    }).map(views -> {
      JsonObject seen = new JsonObject();
      usernames.forEach(u -> seen.put(u, views.get(u).toJson()));
      return new JsonObject().put("presence", seen);
    });
  }

  /**
   * Leaves the rooms of the previous watch that are not in this one (and the room that hears
   * everyone); joins the new ones. Rooms a conversation added meanwhile stay.
   */
  private static void replace(Socket socket, Watch watch, Set<String> rooms) {
    socket.leave(Rooms.EVERYONE_PRESENCE);
    for (String room : watch.rooms) {
      if (!rooms.contains(room)) {
        socket.leave(room);
      }
    }
    socket.join(rooms);
    watch.rooms = socket.rooms().stream().filter(rooms::contains).toArray(String[]::new);
  }

  private Set<String> usernames(JsonObject payload) {
    Object value = payload.getValue(FIELD);
    if (!(value instanceof JsonArray list)) {
      throw DomainException.invalid("'" + FIELD + "' must be a list of usernames");
    }
    if (list.size() > max) {
      throw DomainException.invalid("'" + FIELD + "' can name at most " + max + " users; this one names "
          + list.size());
    }
    Set<String> names = new LinkedHashSet<>();
    for (Object name : list) {
      if (!(name instanceof String s) || s.isBlank() || s.length() > Fields.USERNAME_MAX) {
        throw DomainException.invalid("'" + FIELD + "' must hold usernames (1-" + Fields.USERNAME_MAX
            + " characters each)");
      }
      names.add(s.trim().toLowerCase());
    }
    return names;
  }
}
