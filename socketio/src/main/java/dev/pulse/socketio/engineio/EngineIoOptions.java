package dev.pulse.socketio.engineio;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Engine.IO settings. Every default is a named constant here; the README table points to them.
 */
public final class EngineIoOptions {

  /** Milliseconds between two server pings. */
  public static final int DEFAULT_PING_INTERVAL = 25_000;
  /** Milliseconds the client has to answer a ping before the session is dropped. */
  public static final int DEFAULT_PING_TIMEOUT = 20_000;
  /** Milliseconds a polling -> WebSocket upgrade may take before the probe socket is dropped. */
  public static final int DEFAULT_UPGRADE_TIMEOUT = 10_000;
  /**
   * Milliseconds a long-polling session may go without a GET waiting on the server and without any
   * request from its client (a POST restarts the wait). A polling client asks again as soon as a
   * GET is answered, so a longer gap means it is gone (a tab closed between two polls); without this the session would hold on until a ping went unanswered
   * (pingInterval + pingTimeout). Generous, because a browser on HTTP/1.1 may queue the next poll
   * behind the page's other requests to the same host (six connections per host). Not counted
   * while an upgrade is under way (upgradeTimeout covers that). A session whose upgrade fails after
   * its WebSocket was probed is closed at once: the client stopped polling at the probe and never
   * resumes, so nothing is left to carry it.
   */
  public static final int DEFAULT_POLL_GAP_TIMEOUT = 5_000;
  /**
   * Milliseconds after which a polling session with no GET waiting is reported quiet (see
   * {@link EngineSocket#quietHandler}): long before it is closed, the layer above may stop
   * counting on it, and take it back if the client asks again in time. Off when not below
   * {@code pollGapTimeout}.
   */
  public static final int DEFAULT_POLL_QUIET_TIMEOUT = 2_000;
  /** Largest packet or polling body, in bytes (the reference's maxHttpBufferSize). */
  public static final int DEFAULT_MAX_PAYLOAD = 1_000_000;
  /**
   * Bytes that may wait for a client (unsent WebSocket bytes, or packets not yet fetched by a
   * long-poll) before it is disconnected as a slow consumer.
   */
  public static final int DEFAULT_WRITE_BUFFER_LIMIT = 1 << 20;
  /** Granularity of the shared heartbeat timer, in milliseconds. */
  public static final int DEFAULT_TIMER_TICK = 5;
  /**
   * Origins allowed to connect. Empty means same-origin only (the Origin's host equals the Host
   * header); {@code "*"} allows any. Requests without an Origin header (non-browser clients)
   * are always allowed.
   */
  public static final List<String> DEFAULT_ALLOWED_ORIGINS = List.of();
  public static final List<String> DEFAULT_TRANSPORTS = List.of("polling", "websocket");
  /**
   * Sessions from one client address that the layer above has not yet accepted (Socket.IO: no
   * namespace connected); past it a handshake is refused with 429. See {@link EngineSocket#established}.
   * No cap by default: an Engine.IO-only server never marks a session established.
   */
  public static final int DEFAULT_MAX_PENDING_SESSIONS_PER_ADDRESS = Integer.MAX_VALUE;
  /** Sessions not yet accepted, from all addresses together; no cap by default. */
  public static final int DEFAULT_MAX_PENDING_SESSIONS = Integer.MAX_VALUE;

  private int pingInterval = DEFAULT_PING_INTERVAL;
  private int pingTimeout = DEFAULT_PING_TIMEOUT;
  private int upgradeTimeout = DEFAULT_UPGRADE_TIMEOUT;
  private int pollGapTimeout = DEFAULT_POLL_GAP_TIMEOUT;
  private int pollQuietTimeout = DEFAULT_POLL_QUIET_TIMEOUT;
  private int maxPayload = DEFAULT_MAX_PAYLOAD;
  private int writeBufferLimit = DEFAULT_WRITE_BUFFER_LIMIT;
  private int timerTick = DEFAULT_TIMER_TICK;
  private List<String> allowedOrigins = DEFAULT_ALLOWED_ORIGINS;
  private List<String> transports = DEFAULT_TRANSPORTS;
  private Supplier<String> sessionIds = SessionIds::next;
  private boolean allowUpgrades = true;
  private boolean keepHandshakeHeaders = true;
  private int maxPendingSessions = DEFAULT_MAX_PENDING_SESSIONS;
  private int maxPendingSessionsPerAddress = DEFAULT_MAX_PENDING_SESSIONS_PER_ADDRESS;
  private Function<HttpServerRequest, String> clientAddress =
      request -> request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();

  public int maxPendingSessions() {
    return maxPendingSessions;
  }

  public EngineIoOptions maxPendingSessions(int count) {
    this.maxPendingSessions = positive(count, "maxPendingSessions");
    return this;
  }

  public int maxPendingSessionsPerAddress() {
    return maxPendingSessionsPerAddress;
  }

  public EngineIoOptions maxPendingSessionsPerAddress(int count) {
    this.maxPendingSessionsPerAddress = positive(count, "maxPendingSessionsPerAddress");
    return this;
  }

  /** Which client address a request counts against (default: the TCP peer's). */
  public Function<HttpServerRequest, String> clientAddress() {
    return clientAddress;
  }

  /** Sets how a request's client address is found, e.g. from a trusted proxy's X-Forwarded-For. */
  public EngineIoOptions clientAddress(Function<HttpServerRequest, String> resolver) {
    this.clientAddress = Objects.requireNonNull(resolver, "resolver");
    return this;
  }

  public int pingInterval() {
    return pingInterval;
  }

  public EngineIoOptions pingInterval(int millis) {
    this.pingInterval = positive(millis, "pingInterval");
    return this;
  }

  public int pingTimeout() {
    return pingTimeout;
  }

  public EngineIoOptions pingTimeout(int millis) {
    this.pingTimeout = positive(millis, "pingTimeout");
    return this;
  }

  public int upgradeTimeout() {
    return upgradeTimeout;
  }

  public EngineIoOptions upgradeTimeout(int millis) {
    this.upgradeTimeout = positive(millis, "upgradeTimeout");
    return this;
  }

  public int pollGapTimeout() {
    return pollGapTimeout;
  }

  public EngineIoOptions pollGapTimeout(int millis) {
    this.pollGapTimeout = positive(millis, "pollGapTimeout");
    return this;
  }

  public int pollQuietTimeout() {
    return pollQuietTimeout;
  }

  public EngineIoOptions pollQuietTimeout(int millis) {
    this.pollQuietTimeout = positive(millis, "pollQuietTimeout");
    return this;
  }

  public int maxPayload() {
    return maxPayload;
  }

  public EngineIoOptions maxPayload(int bytes) {
    this.maxPayload = positive(bytes, "maxPayload");
    return this;
  }

  public int writeBufferLimit() {
    return writeBufferLimit;
  }

  public EngineIoOptions writeBufferLimit(int bytes) {
    this.writeBufferLimit = positive(bytes, "writeBufferLimit");
    return this;
  }

  public int timerTick() {
    return timerTick;
  }

  public EngineIoOptions timerTick(int millis) {
    this.timerTick = positive(millis, "timerTick");
    return this;
  }

  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  public EngineIoOptions allowedOrigins(List<String> origins) {
    this.allowedOrigins = List.copyOf(origins);
    return this;
  }

  public List<String> transports() {
    return transports;
  }

  public EngineIoOptions transports(List<String> names) {
    for (String name : names) {
      if (!DEFAULT_TRANSPORTS.contains(name)) {
        throw new IllegalArgumentException("unknown transport: " + name);
      }
    }
    this.transports = List.copyOf(names);
    return this;
  }

  /** Where new session ids come from (default: 20 random base64url characters). */
  public Supplier<String> sessionIds() {
    return sessionIds;
  }

  /**
   * Sets how session ids are made: a cluster gives its node's tag to each id, so that a request
   * reaching another node can be sent on to the session's own. Ids must be unguessable and URL-safe.
   */
  public EngineIoOptions sessionIds(Supplier<String> generator) {
    this.sessionIds = Objects.requireNonNull(generator, "generator");
    return this;
  }

  public boolean allowUpgrades() {
    return allowUpgrades;
  }

  public EngineIoOptions allowUpgrades(boolean allow) {
    this.allowUpgrades = allow;
    return this;
  }

  public boolean keepHandshakeHeaders() {
    return keepHandshakeHeaders;
  }

  /**
   * Whether a session keeps the headers of the request that opened it, for the layer above to read
   * later ({@code Handshake#headers()}); the default, as Node's socket.io does. A server that reads
   * nothing from them after the handshake (origin, address and the rest are checked while the
   * request is at hand) turns this off: a browser's headers, cookies included, are often 0.5-1.5 KiB,
   * which every idle connection would otherwise hold for its whole life.
   */
  public EngineIoOptions keepHandshakeHeaders(boolean keep) {
    this.keepHandshakeHeaders = keep;
    return this;
  }

  /**
   * Sets on the HTTP server what Engine.IO depends on: WebSocket frames and messages up to
   * maxPayload; no per-message compression (a deflate context costs hundreds of KiB per
   * connection; the reference server disables it too); and strict thread mode, which drops a
   * thread-safe outbound queue (4 KiB) per HTTP connection. Strict mode means responses are
   * written from the event loop only, which is how this server works; an app that writes HTTP
   * responses from other threads must turn it off again.
   */
  public HttpServerOptions applyTo(HttpServerOptions http) {
    Objects.requireNonNull(http, "http");
    return http.setMaxWebSocketFrameSize(maxPayload)
        .setMaxWebSocketMessageSize(maxPayload)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setStrictThreadMode(true);
  }

  private static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }
}
