package dev.pulse.socketio.engineio;

import io.netty.util.Timeout;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session: a client identified by its sid, whatever transport currently carries
 * it. Owns the heartbeat, the write buffer, and the polling -> WebSocket upgrade. All methods run
 * on the server's event loop.
 */
public final class EngineSocket {

  private static final Logger LOG = LoggerFactory.getLogger(EngineSocket.class);

  private enum State { OPEN, CLOSING, CLOSED }

  private final String id;
  private final EngineIoServer server;
  private final HandshakeRequest request;
  private Transport transport;
  private State state = State.OPEN;

  /** Packets waiting for the transport to become writable; null while empty. */
  private List<EnginePacket> writeBuffer;
  private int bufferedBytes;

  /** The one pending heartbeat entry (next ping, or the deadline for its pong). */
  private Timeout heartbeat;
  private boolean awaitingPong;
  /** System.nanoTime() at which the current ping is (or was) due. */
  private long pingDueAt;

  /** The WebSocket being probed for an upgrade, and whether it answered the probe. */
  private WebSocketConnection upgrading;
  private boolean probed;
  private Timeout upgradeTimer;

  /** The client address this session counts against while not yet established; null once not. */
  private String pendingAddress;

  /** Reported quiet to {@link #quietHandler} and not heard from since. */
  private boolean quiet;
  private Handler<Boolean> quietHandler;
  private Handler<Object> messageHandler = data -> {};
  private BiConsumer<String, String> closeHandler = (reason, description) -> {};

  EngineSocket(String id, EngineIoServer server, HandshakeRequest request) {
    this.id = id;
    this.server = server;
    this.request = request;
  }

  public String id() {
    return id;
  }

  public HandshakeRequest request() {
    return request;
  }

  /** Name of the transport in use now: {@code polling} or {@code websocket}. */
  public String transportName() {
    return transport.name();
  }

  Transport transport() {
    return transport;
  }

  public boolean isOpen() {
    return state == State.OPEN;
  }

  /** Called with each message: a {@link String} for text, a {@link Buffer} for binary. */
  public EngineSocket messageHandler(Handler<Object> handler) {
    this.messageHandler = handler;
    return this;
  }

  /** Called once when the session ends, with a {@link CloseReason} and a description. */
  public EngineSocket closeHandler(BiConsumer<String, String> handler) {
    this.closeHandler = handler;
    return this;
  }

  /**
   * Called with {@code true} when a polling client has not come back for its next answer within
   * {@code pollQuietTimeout} (its tab may be gone: the session is closed at {@code pollGapTimeout}
   * unless it asks again), and with {@code false} when it is heard from again. Lets the layer
   * above stop counting on a client that is probably gone well before the session ends.
   */
  public EngineSocket quietHandler(Handler<Boolean> handler) {
    this.quietHandler = handler;
    return this;
  }

  /** Sends a text message. */
  public void send(String text) {
    sendPacket(EnginePacket.message(text));
  }

  /** Sends a text message that other sessions may be sent too (encoded once for all). */
  public void send(SharedMessage message) {
    sendPacket(EnginePacket.message(message));
  }

  /** Sends a binary message. */
  public void send(Buffer bytes) {
    sendPacket(EnginePacket.message(bytes));
  }

  /**
   * The layer above accepted this session (Socket.IO: a namespace connected it): it no longer
   * counts against the caps on sessions waiting to be accepted.
   */
  public void established() {
    settle();
  }

  void countAsPending(String address) {
    pendingAddress = address;
  }

  /** The address this session is counted against while pending, or null. */
  String pendingAddress() {
    return pendingAddress;
  }

  private void settle() {
    if (pendingAddress != null) {
      server.settled(pendingAddress);
      pendingAddress = null;
    }
  }

  /** Ends the session, flushing what is buffered first. */
  public void close() {
    closeWith(CloseReason.FORCED_CLOSE, "closed by the server");
  }

  void closeWith(String reason, String description) {
    if (state != State.OPEN) {
      return;
    }
    state = State.CLOSING;
    settle();
    cancelHeartbeat();
    abandonUpgrade();
    List<EnginePacket> remaining = takeBuffer();
    Runnable done = () -> onClose(reason, description);
    transport.close(remaining, done);
    // A long-poll client may never come back for its CLOSE packet.
    heartbeat = server.timer().schedule(
        server.options().pingInterval() + server.options().pingTimeout(), done);
  }

  // ---- lifecycle, called by the server and the transports ----

  void open(Transport first) {
    this.transport = first;
    // The heartbeat starts before the handshake is sent, so its timing does not depend on how
    // quickly the client reads the open packet.
    schedulePing();
    sendPacket(new EnginePacket(EnginePacketType.OPEN, server.openPacketJson(this)));
  }

  void onPacket(EnginePacket packet) {
    if (state != State.OPEN) {
      return;
    }
    switch (packet.type()) {
      case MESSAGE -> messageHandler.handle(packet.data());
      case PONG -> {
        if (awaitingPong) {
          awaitingPong = false;
          schedulePing();
        }
      }
      case PING -> onError(CloseReason.TRANSPORT_ERROR, "invalid heartbeat direction");
      case CLOSE -> onClientClose();
      default -> { } // OPEN, UPGRADE and NOOP carry nothing for an open session
    }
  }

  /** The transport failed or the client went away: end at once, telling the client if possible. */
  void onError(String reason, String description) {
    if (state == State.CLOSED) {
      return;
    }
    writeBuffer = null;
    transport.close(null, () -> {});
    onClose(reason, description);
  }

  /** The client sent a CLOSE packet. */
  void onClientClose() {
    if (state == State.CLOSED) {
      return;
    }
    writeBuffer = null;
    transport.discard();
    onClose(CloseReason.TRANSPORT_CLOSE, "the client closed the session");
  }

  /** A packet from a WebSocket: the session's own, or one being probed for an upgrade. */
  void onWebSocketPacket(WebSocketConnection from, EnginePacket packet) {
    if (from == transport) {
      if (!expireIfOverdue()) {
        onPacket(packet);
      }
    } else {
      onUpgradePacket(from, packet);
    }
  }

  void onWebSocketParseError(WebSocketConnection from, String description) {
    if (from == transport) {
      onError(CloseReason.PARSE_ERROR, description);
    } else {
      abandonUpgrade();
      from.close(null, () -> {});
    }
  }

  /**
   * The polling client sent no GET within pollGapTimeout of the last answer: it is gone. While an
   * upgrade is under way the client rightly pauses polling; if the upgrade is abandoned, the wait
   * starts again.
   */
  void onPollGap(PollingTransport which) {
    if (which != transport || state != State.OPEN || upgrading != null) {
      return;
    }
    onError(CloseReason.TRANSPORT_CLOSE, "no poll request within " + server.options().pollGapTimeout() + " ms");
  }

  /** The polling client has not asked for its next answer for pollQuietTimeout. */
  void onPollQuiet(PollingTransport which) {
    if (which != transport || state != State.OPEN || upgrading != null || quiet) {
      return;
    }
    quiet = true;
    if (quietHandler != null) {
      quietHandler.handle(true);
    }
  }

  /** A request of the client arrived: it is there. */
  void onPollHeard(PollingTransport which) {
    if (which == transport) {
      heard();
    }
  }

  private void heard() {
    if (quiet) {
      quiet = false;
      if (quietHandler != null && state == State.OPEN) {
        quietHandler.handle(false);
      }
    }
  }

  void onTransportClosed(Transport which, String reason, String description) {
    if (which == upgrading) {
      abandonUpgrade();
    } else if (which == transport) {
      onError(reason, description);
    }
  }

  private void onClose(String reason, String description) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    cancelHeartbeat();
    abandonUpgrade();
    writeBuffer = null;
    settle();
    server.remove(this);
    try {
      closeHandler.accept(reason, description);
    } catch (RuntimeException e) {
      LOG.error("close handler of session {} failed", id, e);
    }
  }

  // ---- writing ----

  void sendPacket(EnginePacket packet) {
    if (state != State.OPEN) {
      return;
    }
    if (writeBuffer == null && transport.writable()) {
      transport.send(packet);
      return;
    }
    if (writeBuffer == null) {
      writeBuffer = new ArrayList<>(4);
    }
    writeBuffer.add(packet);
    bufferedBytes += packet.wireSize();
    if (bufferedBytes > server.options().writeBufferLimit()) {
      onSlowConsumer();
      return;
    }
    flush();
  }

  /** Sends what is buffered, as much as the transport can take now. */
  void flush() {
    if (writeBuffer == null || state != State.OPEN || !transport.writable()) {
      return;
    }
    List<EnginePacket> packets = writeBuffer;
    int sent = transport.send(packets);
    if (sent >= packets.size()) {
      takeBuffer();
      return;
    }
    List<EnginePacket> done = packets.subList(0, sent);
    for (EnginePacket packet : done) {
      bufferedBytes -= packet.wireSize();
    }
    done.clear();
  }

  /** Bytes of the packets waiting in the session's buffer. */
  int bufferedBytes() {
    return bufferedBytes;
  }

  private List<EnginePacket> takeBuffer() {
    List<EnginePacket> packets = writeBuffer;
    writeBuffer = null;
    bufferedBytes = 0;
    return packets;
  }

  /** The client does not read fast enough: more than writeBufferLimit bytes wait for it. */
  void onSlowConsumer() {
    if (state != State.OPEN) {
      return;
    }
    LOG.warn("session {} disconnected: more than {} bytes waiting to be read",
        id, server.options().writeBufferLimit());
    closeLater(CloseReason.SLOW_CONSUMER, "write buffer limit exceeded");
  }

  /** No buffer memory could be had for this session's output (the direct memory limit). */
  void onNoBufferMemory() {
    if (state != State.OPEN) {
      return;
    }
    LOG.warn("session {} disconnected: no buffer memory left for its output", id);
    closeLater(CloseReason.TRANSPORT_ERROR, "no buffer memory for its output");
  }

  private void closeLater(String reason, String description) {
    writeBuffer = null;
    state = State.CLOSING;
    // Deferred: a send must never run close handlers while a broadcast is iterating sockets.
    server.context().runOnContext(v -> onError(reason, description));
  }

  // ---- heartbeat ----

  private void schedulePing() {
    cancelHeartbeat();
    long interval = server.options().pingInterval();
    pingDueAt = System.nanoTime() + interval * 1_000_000L;
    heartbeat = server.timer().schedule(interval, this::ping);
  }

  private void ping() {
    if (state != State.OPEN || awaitingPong) {
      return;
    }
    awaitingPong = true;
    // The deadline counts from when the ping was due, not from when the timer got to it.
    long pongDeadline = pingDueAt + server.options().pingTimeout() * 1_000_000L;
    long remainingMillis = Math.max(0, (pongDeadline - System.nanoTime()) / 1_000_000L);
    heartbeat = server.timer().schedule(remainingMillis, this::pingTimedOut);
    sendPacket(EnginePacket.PING);
  }

  private void pingTimedOut() {
    if (state == State.OPEN && awaitingPong) {
      onError(CloseReason.PING_TIMEOUT, "no pong within " + server.options().pingTimeout() + " ms");
    }
  }

  /**
   * Closes the session if its pong is overdue, even if the timer has not fired yet. Called on
   * every incoming request, so a client never talks to a session that should be dead.
   */
  boolean expireIfOverdue() {
    if (state == State.OPEN && awaitingPong) {
      long deadline = pingDueAt + server.options().pingTimeout() * 1_000_000L;
      if (System.nanoTime() - deadline >= 0) {
        pingTimedOut();
      }
    }
    return state != State.OPEN;
  }

  private void cancelHeartbeat() {
    if (heartbeat != null) {
      heartbeat.cancel();
      heartbeat = null;
    }
  }

  // ---- upgrade (polling -> websocket) ----

  boolean canUpgrade() {
    return state == State.OPEN && upgrading == null && transport instanceof PollingTransport;
  }

  void beginUpgrade(WebSocketConnection candidate) {
    upgrading = candidate;
    upgradeTimer = server.timer().schedule(server.options().upgradeTimeout(), () -> {
      if (upgrading == candidate) {
        abandonUpgrade();
      }
    });
  }

  /** Whether the WebSocket being probed has answered the probe. */
  boolean isProbed() {
    return upgrading != null && probed;
  }

  /** A packet that arrived on the WebSocket being probed. */
  void onUpgradePacket(WebSocketConnection candidate, EnginePacket packet) {
    if (candidate != upgrading || state != State.OPEN) {
      candidate.close(null, () -> {});
      return;
    }
    if (packet.type() == EnginePacketType.PING && "probe".equals(packet.data()) && !probed) {
      probed = true;
      heard();
      candidate.send(new EnginePacket(EnginePacketType.PONG, "probe"));
      // The client pauses polling once probed; release its pending GET so it can.
      ((PollingTransport) transport).release();
    } else if (packet.type() == EnginePacketType.UPGRADE && probed) {
      PollingTransport old = (PollingTransport) transport;
      transport = candidate;
      cancelUpgrade();
      old.discard();
      flush();
    } else {
      abandonUpgrade();
    }
  }

  private void cancelUpgrade() {
    if (upgradeTimer != null) {
      upgradeTimer.cancel();
      upgradeTimer = null;
    }
    upgrading = null;
    probed = false;
  }

  /**
   * Drops an upgrade in progress, closing the probe WebSocket. A client that was probed has
   * stopped polling for good (it pauses polling at the probe and does not resume when the upgrade
   * fails): the session has no transport left and is closed now, instead of lingering until a ping
   * goes unanswered. One that was not probed yet goes on polling.
   */
  private void abandonUpgrade() {
    WebSocketConnection candidate = upgrading;
    boolean wasProbed = probed;
    cancelUpgrade();
    if (candidate != null) {
      candidate.close(null, () -> {});
      if (state == State.OPEN && wasProbed) {
        onError(CloseReason.TRANSPORT_CLOSE, "upgrade abandoned after the probe: no transport left");
      } else if (state == State.OPEN && transport instanceof PollingTransport polling) {
        polling.awaitNextPoll();
      }
    }
  }
}
