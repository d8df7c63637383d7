package dev.pulse.server.realtime;

import dev.pulse.server.auth.Authenticator;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.members.Members;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.socketio.ConnectError;
import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where sockets enter the application: the handshake's token decides who a connection is
 * (refused with {@code connect_error} otherwise), and a user already holding {@code
 * SOCKETS_PER_USER} sockets anywhere in the cluster is refused a new one (the open ones are kept:
 * evicting one would let a runaway client push out the user's real tabs). A connection then joins its user's room, has
 * its events routed and its token's expiry tracked, and the {@link ConnectionListener}s (presence,
 * catching up) are told it opened and, later, closed.
 */
public final class SocketGateway {
  private static final Logger log = LoggerFactory.getLogger(SocketGateway.class);
  private static final String USERNAME = "username";
  private static final String EXPIRES = "tokenExpires";
  private static final String SLOT = "slot";
  static final String TOO_MANY = "too_many_connections";
  private static final String SESSION = "session";

  private final Namespace namespace;
  private final Authenticator authenticator;
  private final Members members;
  private final EventRouter router;
  private final TokenExpiry expiry;
  private final SessionEnds sessionEnds;
  private final PulseMetrics metrics;
  private final List<ConnectionListener> listeners;
  private final SocketSlots slots;
  private final int socketsPerUser;

  public SocketGateway(Namespace namespace, Authenticator authenticator, Members members, EventRouter router,
      TokenExpiry expiry, SessionEnds sessionEnds, PulseMetrics metrics, List<ConnectionListener> listeners,
      SocketSlots slots, int socketsPerUser) {
    this.sessionEnds = sessionEnds;
    this.slots = slots;
    this.socketsPerUser = socketsPerUser;
    this.namespace = namespace;
    this.authenticator = authenticator;
    this.members = members;
    this.router = router;
    this.expiry = expiry;
    this.metrics = metrics;
    this.listeners = List.copyOf(listeners);
  }

  public void install() {
    namespace.use(this::authenticate);
    namespace.use(this::claimSlot);
    namespace.onConnection(this::connected);
    namespace.onAbandoned(this::releaseSlot);
  }

  private Future<Void> claimSlot(Socket socket) {
    String username = socket.data().getString(USERNAME);
    return slots.claim(username, socketsPerUser)
        // the shared count out of reach (Redis down): nodes keep serving their own users
        .otherwise(true)
        .compose(taken -> {
          if (!taken) {
            metrics.rateLimited("sockets");
            return Future.failedFuture(new ConnectError("Too many connections for this account (at most "
                + socketsPerUser + "); close another tab or window", new JsonObject().put("code", TOO_MANY)));
          }
          socket.data().put(SLOT, true);
          return Future.succeededFuture();
        });
  }

  private void releaseSlot(Socket socket) {
    if (socket.data().remove(SLOT) != null) {
      slots.release(socket.data().getString(USERNAME));
    }
  }

  private Future<Void> authenticate(Socket socket) {
    Object token = socket.handshake().auth().getValue("token");
    return authenticator.authenticate(token instanceof String s ? s : null)
        .recover(err -> Future.failedFuture(err instanceof DomainException e ? new ConnectError(e.getMessage()) : err))
        .map(who -> {
          socket.data().put(USERNAME, who.username()).put(SESSION, who.sessionId())
              .put(EXPIRES, who.expiresAt().toString());
          // a credential is not kept longer than it is needed, and an idle socket is lighter without it
          socket.handshake().auth().remove("token");
          return null;
        });
  }

  private void connected(Socket socket) {
    JsonObject data = socket.data();
    String username = data.getString(USERNAME);
    Session session = new Session(username, socket, data.getString(SESSION), Instant.parse(data.getString(EXPIRES)));
    boolean[] opened = {false};
    metrics.socketConnected();
    if (PresenceWatch.announced(socket)) {
      socket.join(Rooms.user(username));
    } else {
      // until it sends presence_watch, a socket hears everyone's presence
      socket.join(Rooms.user(username), Rooms.EVERYONE_PRESENCE);
    }
    socket.onAny((event, args, ack) -> router.dispatch(session, event, args, ack));
    expiry.track(session);
    sessionEnds.track(session);
    socket.onDisconnect(reason -> {
      releaseSlot(socket);
      expiry.untrack(session);
      sessionEnds.untrack(session);
      metrics.socketDisconnected();
      log.debug("socket {} of {} closed: {}", socket.id(), username, reason);
      if (opened[0]) {
        listeners.forEach(l -> l.closed(session));
      }
    });
    if (sessionEnds.closeIfEnded(session)) {
      return; // the session ended while its handshake was being checked
    }
    socket.emit("connection_established", new JsonObject().put("sid", socket.id()).put(USERNAME, username));
    // the member was loaded by the handshake a moment ago, so this is normally answered from the cache
    members.require(username).onComplete(ar -> {
      if (ar.failed()) {
        log.warn("could not load member {}: {}", username, ar.cause().toString());
        socket.disconnect();
        return;
      }
      if (!socket.connected()) {
        return; // closed while loading; its disconnect handler found nothing to undo
      }
      opened[0] = true;
      listeners.forEach(l -> l.opened(session, ar.result()));
    });
  }
}
