package dev.pulse.socketio;

import dev.pulse.socketio.engineio.EngineSocket;
import dev.pulse.socketio.parser.EncodedPacket;
import dev.pulse.socketio.parser.Packet;
import dev.pulse.socketio.parser.PacketDecoder;
import dev.pulse.socketio.parser.PacketEncoder;
import dev.pulse.socketio.parser.PacketParseException;
import dev.pulse.socketio.parser.PacketType;
import io.netty.util.Timeout;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO connection seen by Socket.IO: decodes its packets and routes them to its sockets,
 * one per namespace joined. A packet that breaks the protocol closes this connection only.
 */
final class Client {

  private static final Logger LOG = LoggerFactory.getLogger(Client.class);

  private final SocketIoServer server;
  private final EngineSocket conn;
  private final PacketDecoder decoder;
  /**
   * The sockets, one per namespace joined: most clients join one, kept in {@code socket}; a map
   * only for the others. Null while none.
   */
  private Socket socket;
  private Map<String, Socket> moreSockets;
  /** Namespaces whose middlewares are running; null while none. */
  private Set<String> connecting;
  private Timeout connectTimer;

  Client(SocketIoServer server, EngineSocket conn) {
    this.server = server;
    this.conn = conn;
    this.decoder = new PacketDecoder(server.options().maxAttachments());
    conn.messageHandler(this::onMessage);
    conn.closeHandler((reason, description) -> onClose(reason));
    conn.quietHandler(quiet -> sockets().forEach(s -> s.onQuiet(quiet)));
    connectTimer = server.timer().schedule(server.options().connectTimeout(), () -> {
      if (!hasSockets() && conn.isOpen()) {
        LOG.debug("connection {} joined no namespace in time", conn.id());
        close(DisconnectReason.FORCED_SERVER_CLOSE);
      }
    });
  }

  String id() {
    return conn.id();
  }

  String transportName() {
    return conn.transportName();
  }

  boolean isOpen() {
    return conn.isOpen();
  }

  Handshake handshake(JsonObject auth) {
    return new Handshake(conn.request(), auth, System.currentTimeMillis());
  }

  private void onMessage(Object message) {
    Packet packet;
    try {
      packet = decoder.add(message);
    } catch (PacketParseException | RuntimeException e) {
      protocolError(String.valueOf(e.getMessage()));
      return;
    }
    if (packet != null) {
      route(packet);
    }
  }

  private void route(Packet packet) {
    Socket socket = socket(packet.namespace());
    if (packet.type() == PacketType.CONNECT) {
      if (socket != null || connecting != null && connecting.contains(packet.namespace())) {
        protocolError("already connected to " + packet.namespace());
      } else {
        JsonObject auth = packet.data() == null ? new JsonObject() : (JsonObject) packet.data();
        connect(packet.namespace(), auth);
      }
    } else if (socket == null) {
      // Reference behaviour: only CONNECT may name a namespace the client has not joined; the
      // exception is a DISCONNECT racing with a server-side disconnect, which is harmless.
      if (packet.type() != PacketType.DISCONNECT) {
        protocolError(packet.type() + " for namespace " + packet.namespace() + " not joined");
      }
    } else if (!socket.onPacket(packet)) {
      protocolError(packet.type() + " not valid from a client");
    }
  }

  private void connect(String name, JsonObject auth) {
    Namespace namespace = server.namespace(name);
    if (namespace == null) {
      write(PacketEncoder.encode(Packet.connectError(name,
          new JsonObject().put("message", "Invalid namespace"))));
      return;
    }
    if (connecting == null) {
      connecting = new HashSet<>(2);
    }
    connecting.add(name);
    namespace.add(this, auth);
  }

  /** The namespace's middlewares accepted the socket. */
  void attach(Socket socket) {
    stopConnecting(socket.namespace().name());
    if (this.socket == null) {
      this.socket = socket;
    } else {
      if (moreSockets == null) {
        moreSockets = new HashMap<>(2);
      }
      moreSockets.put(socket.namespace().name(), socket);
    }
    if (connectTimer != null) {
      connectTimer.cancel();
      connectTimer = null;
    }
    conn.established();
  }

  /** A middleware refused the connection to {@code namespace}. */
  void refuse(String namespace, Throwable cause) {
    stopConnecting(namespace);
    JsonObject error = new JsonObject().put("message",
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    if (cause instanceof ConnectError refused && refused.data() != null) {
      error.put("data", refused.data());
    }
    write(PacketEncoder.encode(Packet.connectError(namespace, error)));
  }

  void remove(Socket socket) {
    if (this.socket == socket) {
      this.socket = null;
    } else if (moreSockets != null) {
      moreSockets.remove(socket.namespace().name(), socket);
    }
  }

  private Socket socket(String namespace) {
    if (socket != null && socket.namespace().name().equals(namespace)) {
      return socket;
    }
    return moreSockets == null ? null : moreSockets.get(namespace);
  }

  private boolean hasSockets() {
    return socket != null || moreSockets != null && !moreSockets.isEmpty();
  }

  private List<Socket> sockets() {
    List<Socket> all = new ArrayList<>(1);
    if (socket != null) {
      all.add(socket);
    }
    if (moreSockets != null) {
      all.addAll(moreSockets.values());
    }
    return all;
  }

  private void stopConnecting(String namespace) {
    connecting.remove(namespace);
    if (connecting.isEmpty()) {
      connecting = null;
    }
  }

  void write(EncodedPacket packet) {
    if (!conn.isOpen()) {
      return;
    }
    conn.send(server.message(packet));
    for (Buffer attachment : packet.attachments()) {
      conn.send(attachment);
    }
  }

  private void protocolError(String description) {
    LOG.debug("closing connection {}: {}", conn.id(), description);
    close(DisconnectReason.FORCED_SERVER_CLOSE);
  }

  /**
   * Tells the client it left every namespace, then closes the connection; the official clients
   * do not reconnect after that.
   */
  void disconnectAll() {
    for (Socket joined : sockets()) {
      joined.leaveNamespace();
    }
    conn.close();
  }

  /** Disconnects every socket with {@code reason}, then closes the connection. */
  void close(String reason) {
    closeSockets(reason);
    conn.close();
  }

  private void onClose(String reason) {
    closeSockets(reason);
    decoder.reset();
    if (connectTimer != null) {
      connectTimer.cancel();
      connectTimer = null;
    }
  }

  private void closeSockets(String reason) {
    for (Socket joined : sockets()) {
      joined.onClose(reason);
    }
  }
}
