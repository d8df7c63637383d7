package dev.pulse.socketio;

import dev.pulse.socketio.adapter.AdapterFactory;
import dev.pulse.socketio.adapter.InMemoryAdapter;
import dev.pulse.socketio.engineio.EngineIoOptions;
import dev.pulse.socketio.parser.PacketDecoder;
import java.util.Objects;

/** Socket.IO settings; Engine.IO's (heartbeat, payload, CORS...) are in {@link #engine()}. */
public final class SocketIoOptions {

  /** Where the server answers; clients use the same {@code path} option. */
  public static final String DEFAULT_PATH = "/socket.io/";
  /** Milliseconds a new connection has to join a namespace before it is closed. */
  public static final int DEFAULT_CONNECT_TIMEOUT = 45_000;
  /** Milliseconds {@link Socket#emitWithAck(String, Object...)} waits for the client. */
  public static final int DEFAULT_ACK_TIMEOUT = 10_000;

  private String path = DEFAULT_PATH;
  private int connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private int ackTimeout = DEFAULT_ACK_TIMEOUT;
  private int maxAttachments = PacketDecoder.DEFAULT_MAX_ATTACHMENTS;
  private AdapterFactory adapterFactory = InMemoryAdapter::new;
  private final EngineIoOptions engine = new EngineIoOptions();

  public String path() {
    return path;
  }

  /** Sets the mount path; a trailing slash is added if missing. */
  public SocketIoOptions path(String path) {
    Objects.requireNonNull(path, "path");
    this.path = path.endsWith("/") ? path : path + "/";
    return this;
  }

  public int connectTimeout() {
    return connectTimeout;
  }

  public SocketIoOptions connectTimeout(int millis) {
    this.connectTimeout = millis;
    return this;
  }

  public int ackTimeout() {
    return ackTimeout;
  }

  public SocketIoOptions ackTimeout(int millis) {
    this.ackTimeout = millis;
    return this;
  }

  public int maxAttachments() {
    return maxAttachments;
  }

  public SocketIoOptions maxAttachments(int count) {
    this.maxAttachments = count;
    return this;
  }

  public AdapterFactory adapterFactory() {
    return adapterFactory;
  }

  /** Where rooms and broadcasts live; the default keeps them in this process. */
  public SocketIoOptions adapterFactory(AdapterFactory factory) {
    this.adapterFactory = Objects.requireNonNull(factory);
    return this;
  }

  /** The Engine.IO options, to change in place. */
  public EngineIoOptions engine() {
    return engine;
  }
}
