package dev.pulse.bench;

import dev.pulse.bench.Frames.Packet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One simulated user's socket: a raw WebSocket speaking Engine.IO v4 / Socket.IO v5. It does the
 * handshake and the heartbeat itself and hands every event and ack to its {@link Listener}.
 * Lives on the load generator's single event loop, so nothing here is synchronized.
 */
final class BenchClient {
  static final String PATH = "/socket.io/?EIO=4&transport=websocket";
  static final long HANDSHAKE_TIMEOUT_MILLIS = 30_000;

  /** What a scenario does with the frames a client receives. */
  interface Listener {
    /** A server event; {@code packet.ackId()} is set when the server asks for an ack. */
    void onEvent(BenchClient client, String frame, Packet packet);

    /** The server's reply to one of this client's events. */
    default void onAck(BenchClient client, String frame, Packet packet) {}

    /** The connection closed without this client closing it. */
    default void onLost(BenchClient client) {}
  }

  /** Does nothing with events; for scenarios that only hold sockets open. */
  static final Listener IGNORE = (client, frame, packet) -> {};

  final int index;
  final String username;
  private final String token;
  private final Listener listener;

  private WebSocket ws;
  private Promise<BenchClient> handshake;
  private boolean connected;
  private boolean closing;
  private int nextAckId;

  // nanoTime stamps of the connection's life, 0 until reached
  long attemptAt;
  long openAt;
  long connectedAt;
  /** Highest {@code online_count_update} count seen, and when it first reached the goal. */
  long maxOnlineCount;
  long onlineGoal = Long.MAX_VALUE;
  long onlineGoalAt;
  long framesIn;

  BenchClient(int index, String username, String token, Listener listener) {
    this.index = index;
    this.username = username;
    this.token = token;
    this.listener = listener;
  }

  /** Opens the socket and completes once the server accepted the Socket.IO CONNECT. */
  Future<BenchClient> connect(Vertx vertx, WebSocketClient client, String host, int port) {
    handshake = Promise.promise();
    attemptAt = System.nanoTime();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(host).setPort(port).setURI(PATH)
        // a non-browser client: the server then skips its same-origin check
        .setAllowOriginHeader(false);
    long timer = vertx.setTimer(HANDSHAKE_TIMEOUT_MILLIS,
        id -> fail("no Socket.IO CONNECT reply within " + HANDSHAKE_TIMEOUT_MILLIS + " ms"));
    client.connect(options).onComplete(ar -> {
      if (ar.failed()) {
        fail("websocket: " + ar.cause().getMessage());
        return;
      }
      ws = ar.result();
      openAt = System.nanoTime();
      ws.textMessageHandler(this::received);
      ws.exceptionHandler(err -> fail("websocket: " + err.getMessage()));
      ws.closeHandler(v -> closed());
      if (handshake.future().isComplete()) {
        ws.close(); // timed out meanwhile
      }
    });
    return handshake.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  boolean connected() {
    return connected;
  }

  int nextAckId() {
    return nextAckId++;
  }

  void send(String frame) {
    ws.writeTextMessage(frame);
  }

  void close() {
    closing = true;
    connected = false;
    if (ws != null && !ws.isClosed()) {
      ws.close();
    }
  }

  private void received(String frame) {
    framesIn++;
    Packet packet = Frames.parse(frame);
    switch (packet.kind()) {
      case PING -> ws.writeTextMessage("3");
      case EVENT -> {
        if (Frames.isEvent(frame, packet.dataStart(), "online_count_update")) {
          countUpdate(Frames.longField(frame, "count", packet.dataStart(), 0));
        }
        listener.onEvent(this, frame, packet);
      }
      case ACK -> listener.onAck(this, frame, packet);
      case OPEN -> ws.writeTextMessage(Frames.connect(token));
      case CONNECT -> {
        connected = true;
        connectedAt = System.nanoTime();
        handshake.tryComplete(this);
      }
      case CONNECT_ERROR -> fail("refused: " + frame.substring(packet.dataStart()));
      case DISCONNECT, CLOSE -> ws.close();
      default -> {
        // NOOP and other Engine.IO packets mean nothing to a WebSocket-only client
      }
    }
  }

  private void countUpdate(long count) {
    if (count > maxOnlineCount) {
      maxOnlineCount = count;
    }
    if (count >= onlineGoal && onlineGoalAt == 0) {
      onlineGoalAt = System.nanoTime();
    }
  }

  private void fail(String reason) {
    if (handshake.tryFail(username + ": " + reason) && ws != null && !ws.isClosed()) {
      closing = true;
      ws.close();
    }
  }

  private void closed() {
    boolean wasConnected = connected;
    connected = false;
    if (!handshake.future().isComplete()) {
      fail("closed during the handshake");
    } else if (wasConnected && !closing) {
      listener.onLost(this);
    }
  }
}
