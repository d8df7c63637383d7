package dev.pulse.server.realtime;

import dev.pulse.server.auth.TokenService;
import dev.pulse.server.auth.TokenService.Verdict;
import dev.pulse.server.chat.ChatService;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.presence.PresenceTracker;
import dev.pulse.server.profiles.Members;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.UserRepository;
import dev.pulse.server.store.UserRepository.StoredPresence;
import dev.pulse.socketio.ConnectError;
import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where sockets enter the application: the handshake's token decides who a connection is
 * (refused with {@code connect_error} otherwise); a connection then joins its user's room, counts
 * for presence, is caught up on missed messages, and has its events routed.
 */
public final class SocketGateway {
  private static final Logger log = LoggerFactory.getLogger(SocketGateway.class);
  private static final String USERNAME = "username";
  private static final String EXPIRES = "tokenExpires";

  private final Namespace namespace;
  private final TokenService tokens;
  private final Members members;
  private final Database db;
  private final UserRepository users;
  private final PresenceTracker presence;
  private final ChatService chat;
  private final EventRouter router;
  private final PulseMetrics metrics;
  private final TokenExpiry expiry;

  public SocketGateway(Namespace namespace, TokenService tokens, Members members, Database db,
      UserRepository users, PresenceTracker presence, ChatService chat, EventRouter router,
      PulseMetrics metrics, TokenExpiry expiry) {
    this.namespace = namespace;
    this.tokens = tokens;
    this.members = members;
    this.db = db;
    this.users = users;
    this.presence = presence;
    this.chat = chat;
    this.router = router;
    this.metrics = metrics;
    this.expiry = expiry;
  }

  public void install() {
    namespace.use(this::authenticate);
    namespace.onConnection(this::connected);
  }

  private Future<Void> authenticate(Socket socket) {
    Object token = socket.handshake().auth().getValue("token");
    Verdict verdict = tokens.verify(token instanceof String s ? s : null);
    if (verdict instanceof Verdict.Refused refused) {
      return Future.failedFuture(new ConnectError(refused.reason()));
    }
    Verdict.Valid valid = (Verdict.Valid) verdict;
    String username = valid.username();
    return members.find(username)
        .compose(member -> member.isEmpty()
            ? Future.failedFuture(new ConnectError("unknown user"))
            : db.run(c -> users.presence(c, username)))
        .map(stored -> {
          StoredPresence p = stored.orElseThrow(() -> new ConnectError("unknown user"));
          socket.data().put(USERNAME, username).put(EXPIRES, valid.expiresAt().toString())
              .put("status", p.status()).put("statusText", p.statusText())
              .put("lastSeen", p.lastSeen() == null ? null : p.lastSeen().toString());
          return null;
        });
  }

  private void connected(Socket socket) {
    JsonObject data = socket.data();
    String username = data.getString(USERNAME);
    Session session = new Session(username, socket, Instant.parse(data.getString(EXPIRES)));
    boolean[] counted = {false};
    metrics.socketConnected();
    socket.join(PresenceTracker.room(username));
    socket.onAny((event, args, ack) -> router.dispatch(session, event, args, ack));
    expiry.track(session);
    socket.onDisconnect(reason -> {
      expiry.untrack(session);
      metrics.socketDisconnected();
      log.debug("socket {} of {} closed: {}", socket.id(), username, reason);
      if (counted[0]) {
        presence.left(username);
      }
    });
    socket.emit("connection_established", new JsonObject().put("sid", socket.id()).put(USERNAME, username));
    String lastSeen = data.getString("lastSeen");
    StoredPresence stored = new StoredPresence(data.getString("status"), data.getString("statusText"),
        lastSeen == null ? null : Instant.parse(lastSeen));
    members.require(username).onComplete(ar -> {
      if (ar.failed()) {
        log.warn("could not load member {}: {}", username, ar.cause().toString());
        socket.disconnect();
        return;
      }
      if (!socket.connected()) {
        return; // closed while loading; its disconnect handler found nothing to undo
      }
      counted[0] = true;
      presence.arrived(ar.result(), stored, socket);
      chat.catchUp(username, socket)
          .onFailure(err -> log.warn("could not catch {} up: {}", username, err.toString()));
    });
  }
}
