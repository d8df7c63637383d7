package dev.pulse.socketio.parser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One Socket.IO packet. {@code data} is, by type: CONNECT a {@link JsonObject} or null;
 * DISCONNECT null; EVENT/ACK a {@link JsonArray} whose elements may hold binary
 * ({@link io.vertx.core.buffer.Buffer}) anywhere; CONNECT_ERROR a {@link JsonObject} or String.
 * {@code id} is the ack id, or -1 for none. Binary types are chosen by the encoder, so a packet
 * built by the server simply says EVENT or ACK.
 */
public record Packet(PacketType type, String namespace, Object data, long id) {

  public static final long NO_ID = -1;

  public static Packet connect(String namespace, JsonObject data) {
    return new Packet(PacketType.CONNECT, namespace, data, NO_ID);
  }

  public static Packet disconnect(String namespace) {
    return new Packet(PacketType.DISCONNECT, namespace, null, NO_ID);
  }

  public static Packet event(String namespace, JsonArray eventAndArgs, long id) {
    return new Packet(PacketType.EVENT, namespace, eventAndArgs, id);
  }

  public static Packet ack(String namespace, JsonArray args, long id) {
    return new Packet(PacketType.ACK, namespace, args, id);
  }

  public static Packet connectError(String namespace, JsonObject error) {
    return new Packet(PacketType.CONNECT_ERROR, namespace, error, NO_ID);
  }

  public boolean hasId() {
    return id >= 0;
  }

  /** The JSON array of an EVENT/ACK packet. */
  public JsonArray array() {
    return (JsonArray) data;
  }
}
