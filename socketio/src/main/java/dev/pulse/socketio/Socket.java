package dev.pulse.socketio;

import dev.pulse.socketio.adapter.BroadcastOptions;
import dev.pulse.socketio.adapter.SocketDetails;
import dev.pulse.socketio.parser.EncodedPacket;
import dev.pulse.socketio.parser.Packet;
import dev.pulse.socketio.parser.PacketDecoder;
import dev.pulse.socketio.parser.PacketEncoder;
import io.netty.util.Timeout;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client connected to one namespace. Listeners, emits and room changes all run on the server's
 * event loop; calls from other threads are moved there.
 */
public final class Socket {

  private static final Logger LOG = LoggerFactory.getLogger(Socket.class);

  private final String id;
  private final Namespace namespace;
  private final Client client;
  private final Handshake handshake;
  private boolean connected;
  private JsonObject data;
  private Map<String, List<EventListener>> listeners;
  private List<AnyEventListener> anyListeners;
  private Map<Long, Consumer<JsonArray>> pendingAcks;
  private List<Handler<String>> disconnectingHandlers;
  private List<Handler<String>> disconnectHandlers;
  private List<Handler<Boolean>> quietHandlers;

  Socket(String id, Namespace namespace, Client client, Handshake handshake) {
    this.id = id;
    this.namespace = namespace;
    this.client = client;
    this.handshake = handshake;
  }

  public String id() {
    return id;
  }

  public Namespace namespace() {
    return namespace;
  }

  public Handshake handshake() {
    return handshake;
  }

  /** Per-socket data the application keeps (e.g. the user); visible to fetchSockets. */
  public JsonObject data() {
    if (data == null) {
      data = new JsonObject();
    }
    return data;
  }

  public boolean connected() {
    return connected;
  }

  /** The underlying connection's id (shared by this client's sockets in all namespaces). */
  public String connectionId() {
    return client.id();
  }

  /** The transport in use: {@code polling} or {@code websocket}. */
  public String transport() {
    return client.transportName();
  }

  // ---- listeners ----

  /** Listens to an event; several listeners per event run in order. */
  public Socket on(String event, EventListener listener) {
    if (listeners == null) {
      listeners = new HashMap<>(4);
    }
    listeners.computeIfAbsent(event, e -> new ArrayList<>(1)).add(listener);
    return this;
  }

  /** Removes every listener of an event. */
  public Socket off(String event) {
    if (listeners != null) {
      listeners.remove(event);
    }
    return this;
  }

  /** Sees every incoming event, before the per-event listeners. */
  public Socket onAny(AnyEventListener listener) {
    if (anyListeners == null) {
      anyListeners = new ArrayList<>(1);
    }
    anyListeners.add(listener);
    return this;
  }

  /** Called with the reason just before the socket leaves its rooms. */
  public Socket onDisconnecting(Handler<String> handler) {
    if (disconnectingHandlers == null) {
      disconnectingHandlers = new ArrayList<>(1);
    }
    disconnectingHandlers.add(handler);
    return this;
  }

  /** Called once with the reason when the socket has disconnected. */
  public Socket onDisconnect(Handler<String> handler) {
    if (disconnectHandlers == null) {
      disconnectHandlers = new ArrayList<>(1);
    }
    disconnectHandlers.add(handler);
    return this;
  }

  /**
   * Called with {@code true} when the client has gone quiet: it polls and has not come back for
   * its next answer within the engine's {@code pollQuietTimeout}, so it is probably gone (it is
   * disconnected at {@code pollGapTimeout} unless it asks again); with {@code false} when it is
   * heard from again. A WebSocket client is never quiet: its closing is seen at once.
   */
  public Socket onQuiet(Handler<Boolean> handler) {
    if (quietHandlers == null) {
      quietHandlers = new ArrayList<>(1);
    }
    quietHandlers.add(handler);
    return this;
  }

  // ---- emitting ----

  /**
   * Sends an event to this client. Arguments are JSON values ({@link JsonObject},
   * {@link JsonArray}, String, Number, Boolean, null, Map, List) and may hold binary
   * ({@link io.vertx.core.buffer.Buffer} or byte[]) anywhere.
   */
  public void emit(String event, Object... args) {
    JsonArray payload = eventPayload(event, args);
    onLoop(() -> {
      if (connected) {
        deliver(PacketEncoder.encode(Packet.event(namespace.name(), payload, Packet.NO_ID)));
      }
    });
  }

  /** Sends an event and waits for the client's ack, up to the server's default ack timeout. */
  public Future<JsonArray> emitWithAck(String event, Object... args) {
    return emitWithAck(namespace.server().options().ackTimeout(), event, args);
  }

  /** Sends an event and waits up to {@code timeoutMillis} for the client's ack. */
  public Future<JsonArray> emitWithAck(long timeoutMillis, String event, Object... args) {
    JsonArray payload = eventPayload(event, args);
    Promise<JsonArray> reply = Promise.promise();
    onLoop(() -> {
      if (!connected) {
        reply.fail(new IllegalStateException("socket is disconnected"));
        return;
      }
      long ackId = namespace.nextAckId();
      Timeout timeout = namespace.server().timer().schedule(timeoutMillis, () -> {
        if (pendingAcks != null && pendingAcks.remove(ackId) != null) {
          reply.tryFail(new AckTimeoutException(timeoutMillis, List.of()));
        }
      });
      expectAck(ackId, args1 -> {
        timeout.cancel();
        reply.tryComplete(args1);
      });
      deliver(PacketEncoder.encode(Packet.event(namespace.name(), payload, ackId)));
    });
    return reply.future();
  }

  static JsonArray eventPayload(String event, Object... args) {
    if (PacketDecoder.RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    JsonArray payload = new JsonArray(new ArrayList<>(args.length + 1)).add(event);
    for (Object arg : args) {
      payload.add(arg);
    }
    return payload;
  }

  /** Adapter SPI: writes an already encoded packet to this client. */
  public void deliver(EncodedPacket packet) {
    if (connected) {
      client.write(packet);
    }
  }

  /** Adapter SPI: routes the client's ack with this id to {@code callback}. */
  public void expectAck(long ackId, Consumer<JsonArray> callback) {
    if (pendingAcks == null) {
      pendingAcks = new HashMap<>(4);
    }
    pendingAcks.put(ackId, callback);
  }

  // ---- rooms ----

  public void join(String... rooms) {
    join(List.of(rooms));
  }

  public void join(Collection<String> rooms) {
    Set<String> copy = Set.copyOf(rooms);
    onLoop(() -> {
      if (connected) {
        namespace.adapter().addAll(id, copy);
      }
    });
  }

  public void leave(String room) {
    onLoop(() -> namespace.adapter().del(id, room));
  }

  /** The rooms this socket is in, its own id included. Call on the event loop. */
  public Set<String> rooms() {
    return namespace.adapter().socketRooms(id);
  }

  /** Every other socket in these rooms (this one excluded). */
  public BroadcastOperator to(String... rooms) {
    return broadcast().to(rooms);
  }

  /** Every other socket of the namespace. */
  public BroadcastOperator broadcast() {
    return new BroadcastOperator(namespace, Set.of(), Set.of(id), false);
  }

  // ---- disconnecting ----

  /** Leaves the namespace; the client's connection stays open for its other namespaces. */
  public void disconnect() {
    disconnect(false);
  }

  /** Leaves the namespace; with {@code close}, also closes the client's whole connection. */
  public void disconnect(boolean close) {
    onLoop(() -> {
      if (!connected) {
        return;
      }
      if (close) {
        client.disconnectAll();
      } else {
        leaveNamespace();
      }
    });
  }

  /** Tells the client it left this namespace, then forgets it. */
  void leaveNamespace() {
    deliver(PacketEncoder.encode(Packet.disconnect(namespace.name())));
    onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
  }

  public SocketDetails details() {
    return new SocketDetails(id, namespace.name(), rooms(), data == null ? new JsonObject() : data,
        handshake.auth(), handshake.address());
  }

  // ---- called by the client and namespace ----

  void onConnect() {
    connected = true;
    client.write(PacketEncoder.encode(
        Packet.connect(namespace.name(), new JsonObject().put("sid", id))));
  }

  /** Handles a packet for this namespace; returns false if it breaks the protocol. */
  boolean onPacket(Packet packet) {
    switch (packet.type()) {
      case EVENT, BINARY_EVENT -> dispatch(packet);
      case ACK, BINARY_ACK -> {
        return onAck(packet);
      }
      case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void dispatch(Packet packet) {
    JsonArray array = packet.array();
    String event = String.valueOf(array.getValue(0));
    JsonArray args = new JsonArray(new ArrayList<>(array.getList().subList(1, array.size())));
    Ack ack = packet.hasId() ? new PacketAck(packet.id()) : Ack.NONE;
    try {
      if (anyListeners != null) {
        for (AnyEventListener listener : List.copyOf(anyListeners)) {
          listener.onEvent(event, args, ack);
        }
      }
      List<EventListener> forEvent = listeners == null ? null : listeners.get(event);
      if (forEvent != null) {
        for (EventListener listener : List.copyOf(forEvent)) {
          listener.onEvent(args, ack);
        }
      }
    } catch (RuntimeException e) {
      // An application bug must not take down the connection or the server.
      LOG.error("listener for event '{}' on socket {} failed", event, id, e);
    }
  }

  private boolean onAck(Packet packet) {
    Consumer<JsonArray> callback = pendingAcks == null ? null : pendingAcks.remove(packet.id());
    if (callback != null) {
      try {
        callback.accept(packet.array());
      } catch (RuntimeException e) {
        LOG.error("ack callback on socket {} failed", id, e);
      }
      return true;
    }
    // A late ack (after a timeout) is harmless; an id never issued is a broken client.
    return packet.id() < namespace.issuedAckIds();
  }

  void onClose(String reason) {
    if (!connected) {
      return;
    }
    fire(disconnectingHandlers, reason);
    connected = false;
    namespace.adapter().delAll(id);
    namespace.remove(this);
    client.remove(this);
    pendingAcks = null;
    fire(disconnectHandlers, reason);
  }

  void onQuiet(boolean quiet) {
    if (!connected || quietHandlers == null) {
      return;
    }
    for (Handler<Boolean> handler : List.copyOf(quietHandlers)) {
      try {
        handler.handle(quiet);
      } catch (RuntimeException e) {
        LOG.error("quiet handler on socket {} failed", id, e);
      }
    }
  }

  private void fire(List<Handler<String>> handlers, String reason) {
    if (handlers == null) {
      return;
    }
    for (Handler<String> handler : List.copyOf(handlers)) {
      try {
        handler.handle(reason);
      } catch (RuntimeException e) {
        LOG.error("disconnect handler on socket {} failed", id, e);
      }
    }
  }

  private void onLoop(Runnable action) {
    namespace.server().engine().runOnLoop(action);
  }

  /** Replies to one client event; only the first call sends. */
  private final class PacketAck implements Ack {
    private final long ackId;
    private boolean sent;

    PacketAck(long ackId) {
      this.ackId = ackId;
    }

    @Override
    public boolean requested() {
      return true;
    }

    @Override
    public void send(Object... args) {
      JsonArray payload = new JsonArray(new ArrayList<>(args.length));
      for (Object arg : args) {
        payload.add(arg);
      }
      onLoop(() -> {
        if (!sent && connected) {
          sent = true;
          deliver(PacketEncoder.encode(Packet.ack(namespace.name(), payload, ackId)));
        }
      });
    }
  }
}
