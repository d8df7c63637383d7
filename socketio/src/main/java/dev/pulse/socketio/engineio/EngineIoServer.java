package dev.pulse.socketio.engineio;

import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Engine.IO v4 server: hand it the HTTP requests for its path (any path; the reference uses
 * {@code /engine.io/}) and it runs sessions over long-polling and WebSocket.
 *
 * <p>Threading: every request for one server must arrive on one Vert.x event loop (one
 * HttpServer instance, or one verticle instance). All session state then lives on that loop
 * and needs no locks; the server binds to it on the first request.
 */
public final class EngineIoServer {

  private static final Logger LOG = LoggerFactory.getLogger(EngineIoServer.class);

  private final Vertx vertx;
  private final EngineIoOptions options;
  private final CorsPolicy cors;
  private final Map<String, EngineSocket> sessions = new HashMap<>();
  /** Sessions not yet established, per client address, and their total. */
  private final Map<String, Integer> pendingByAddress = new HashMap<>();
  private int pending;
  private Handler<EngineSocket> connectionHandler = s -> {};
  private ContextInternal context;
  private Thread loopThread;
  private TimerWheel timer;
  private EndOfTurn endOfTurn;
  private WebSocketServerHandshakerFactory handshakers;
  private boolean closed;

  private EngineIoServer(Vertx vertx, EngineIoOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.cors = new CorsPolicy(options.allowedOrigins());
  }

  public static EngineIoServer create(Vertx vertx, EngineIoOptions options) {
    return new EngineIoServer(Objects.requireNonNull(vertx), Objects.requireNonNull(options));
  }

  /** Called for each new session, before its first message arrives. */
  public EngineIoServer connectionHandler(Handler<EngineSocket> handler) {
    this.connectionHandler = Objects.requireNonNull(handler);
    return this;
  }

  public EngineIoOptions options() {
    return options;
  }

  /** Open sessions. Call on the server's event loop. */
  public int clientsCount() {
    return sessions.size();
  }

  /** Handles one HTTP request (polling GET/POST, CORS preflight or WebSocket upgrade). */
  public void handle(HttpServerRequest request) {
    if (!bind()) {
      request.response().setStatusCode(500).end();
      return;
    }
    if (closed) {
      request.response().setStatusCode(503).end();
      return;
    }
    if (request.method() == HttpMethod.OPTIONS) {
      cors.answerPreflight(request);
      return;
    }
    String transport;
    try {
      transport = request.getParam("transport");
    } catch (IllegalArgumentException e) {
      reject(request, HandshakeError.BAD_REQUEST); // a malformed %-escape in the query
      return;
    }
    if (transport == null || !options.transports().contains(transport)) {
      reject(request, HandshakeError.UNKNOWN_TRANSPORT);
      return;
    }
    if (!cors.allows(request)) {
      reject(request, HandshakeError.FORBIDDEN);
      return;
    }
    boolean upgrade = isWebSocketUpgrade(request);
    String sid = request.getParam("sid");
    if (sid != null) {
      EngineSocket session = sessions.get(sid);
      if (session != null && session.expireIfOverdue()) {
        session = sessions.get(sid); // a closing polling session stays until its CLOSE is fetched
      }
      if (session == null) {
        reject(request, HandshakeError.UNKNOWN_SID);
      } else if (upgrade) {
        upgradeSession(request, session, transport);
      } else if (!session.transportName().equals(transport)
          || !(session.transport() instanceof PollingTransport polling)) {
        reject(request, HandshakeError.BAD_REQUEST);
      } else {
        polling.onRequest(request);
      }
      return;
    }
    if (request.method() != HttpMethod.GET) {
      reject(request, HandshakeError.BAD_HANDSHAKE_METHOD);
    } else if (transport.equals("websocket") != upgrade) {
      reject(request, HandshakeError.BAD_REQUEST);
    } else if (!"4".equals(request.getParam("EIO"))) {
      reject(request, HandshakeError.UNSUPPORTED_PROTOCOL_VERSION);
    } else {
      handshake(request, transport);
    }
  }

  private void handshake(HttpServerRequest request, String transport) {
    String address = options.clientAddress().apply(request);
    if (pending >= options.maxPendingSessions()
        || pendingByAddress.getOrDefault(address, 0) >= options.maxPendingSessionsPerAddress()) {
      reject(request, HandshakeError.TOO_MANY_PENDING);
      return;
    }
    EngineSocket session = new EngineSocket(options.sessionIds().get(), this,
        HandshakeRequest.of(request, options.keepHandshakeHeaders()));
    if (transport.equals("polling")) {
      PollingTransport polling = new PollingTransport(session, this);
      start(session, polling, address);
      polling.onRequest(request);
      return;
    }
    WebSocketUpgrade.accept(this, request, session, connection -> {
      if (closed) {
        connection.discard();
      } else {
        start(session, connection, address);
      }
    });
  }

  private void start(EngineSocket session, Transport transport, String address) {
    sessions.put(session.id(), session);
    session.countAsPending(address);
    pending++;
    pendingByAddress.merge(address, 1, Integer::sum);
    session.open(transport);
    try {
      connectionHandler.handle(session);
    } catch (RuntimeException e) {
      LOG.error("connection handler failed for session {}", session.id(), e);
      session.close();
    }
  }

  private void upgradeSession(HttpServerRequest request, EngineSocket session, String transport) {
    if (!transport.equals("websocket")) {
      reject(request, HandshakeError.BAD_REQUEST);
      return;
    }
    WebSocketUpgrade.accept(this, request, session, candidate -> {
      if (session.canUpgrade() && options.allowUpgrades()) {
        session.beginUpgrade(candidate);
      } else {
        // Already upgraded, upgrading, or closed: as in the reference, accept then close.
        candidate.close(null, () -> {});
      }
    });
  }

  /** Answers a request with one of the handshake errors. */
  void reject(HttpServerRequest request, HandshakeError error) {
    if (request.response().ended()) {
      return;
    }
    LOG.debug("refused {} {} (origin {}): {}", request.method(), request.uri(),
        request.getHeader(HttpHeaders.ORIGIN), error);
    if (cors.allows(request)) {
      cors.addHeaders(request, request.response());
    }
    request.response()
        .setStatusCode(error.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(error.body());
  }

  private static boolean isWebSocketUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    return request.method() == HttpMethod.GET && upgrade != null
        && upgrade.equalsIgnoreCase("websocket");
  }

  String openPacketJson(EngineSocket session) {
    boolean canUpgrade = options.allowUpgrades() && session.transport() instanceof PollingTransport
        && options.transports().contains("websocket");
    String upgrades = canUpgrade ? "[\"websocket\"]" : "[]";
    return "{\"sid\":\"" + session.id() + "\",\"upgrades\":" + upgrades
        + ",\"pingInterval\":" + options.pingInterval()
        + ",\"pingTimeout\":" + options.pingTimeout()
        + ",\"maxPayload\":" + options.maxPayload() + "}";
  }

  /** A session counted against {@code address} is established or closing. */
  void settled(String address) {
    pending--;
    pendingByAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }

  /** Sessions not yet established (for tests and metrics). Call on the event loop. */
  public int pendingCount() {
    return pending;
  }

  void remove(EngineSocket session) {
    sessions.remove(session.id(), session);
  }

  /** True once {@link #close} has begun. Call on the event loop. */
  boolean isClosed() {
    return closed;
  }

  CorsPolicy cors() {
    return cors;
  }

  /** The shared timer; null until the first request binds the server to its event loop. */
  public TimerWheel timer() {
    return timer;
  }

  ContextInternal context() {
    return context;
  }

  WebSocketServerHandshakerFactory handshakers() {
    if (handshakers == null) {
      handshakers = WebSocketUpgrade.handshakers(options);
    }
    return handshakers;
  }

  EndOfTurn endOfTurn() {
    return endOfTurn;
  }

  /** True when the caller is on the server's event loop (or the server has not started). */
  private boolean onLoop() {
    return loopThread == null || Thread.currentThread() == loopThread;
  }

  /** Runs {@code action} on the server's event loop: now if already there, else soon. */
  public void runOnLoop(Runnable action) {
    if (onLoop()) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private boolean bind() {
    if (context != null) {
      if (Thread.currentThread() == loopThread) {
        return true;
      }
      LOG.error("Engine.IO requests must all arrive on one event loop; serve them from a single "
          + "HttpServer or verticle instance (request on {})", Thread.currentThread().getName());
      return false;
    }
    Context current = Vertx.currentContext();
    if (current == null || !current.isEventLoopContext() || current.owner() != vertx) {
      LOG.error("Engine.IO handle() must be called on an event loop of its own Vertx instance");
      return false;
    }
    context = (ContextInternal) current;
    loopThread = Thread.currentThread();
    timer = new TimerWheel(current, options.timerTick());
    endOfTurn = new EndOfTurn(current);
    return true;
  }

  /** Closes every session (reason "server shutting down") and stops the timer. */
  public Future<Void> close() {
    if (context == null) {
      closed = true;
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    runOnLoop(() -> {
      closeOnLoop();
      done.complete();
    });
    return done.future();
  }

  private void closeOnLoop() {
    if (closed) {
      return;
    }
    closed = true;
    for (EngineSocket session : new ArrayList<>(sessions.values())) {
      session.closeWith(CloseReason.SERVER_SHUTTING_DOWN, "the server is shutting down");
      // Polling sessions with no GET waiting would otherwise linger until their fallback timer.
      session.onError(CloseReason.SERVER_SHUTTING_DOWN, "the server is shutting down");
    }
    timer.close();
  }

}
