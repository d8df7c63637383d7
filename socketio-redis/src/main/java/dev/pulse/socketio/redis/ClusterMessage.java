package dev.pulse.socketio.redis;

import dev.pulse.socketio.adapter.BroadcastOptions;
import dev.pulse.socketio.parser.EncodedPacket;
import dev.pulse.socketio.parser.Packet;
import dev.pulse.socketio.parser.PacketDecoder;
import dev.pulse.socketio.parser.PacketEncoder;
import dev.pulse.socketio.parser.PacketParseException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What nodes tell each other, as JSON: {@code type}, the sending node, and per type the
 * selection (rooms, except), a Socket.IO packet in its wire form (text plus base64 attachments,
 * so binary survives the trip) and a request id for answers.
 */
final class ClusterMessage {
  static final String BROADCAST = "broadcast";
  static final String BROADCAST_COUNT = "broadcast-count";
  static final String BROADCAST_ACK = "broadcast-ack";
  static final String FETCH_SOCKETS = "fetch-sockets";
  static final String FETCH_SOCKETS_REPLY = "fetch-sockets-reply";
  static final String SOCKETS_JOIN = "sockets-join";
  static final String SOCKETS_LEAVE = "sockets-leave";
  static final String DISCONNECT_SOCKETS = "disconnect-sockets";
  static final String SERVER_SIDE_EMIT = "server-side-emit";

  private ClusterMessage() {}

  static JsonObject of(String type, String node) {
    return new JsonObject().put("type", type).put("node", node);
  }

  static JsonObject withSelection(JsonObject message, BroadcastOptions options) {
    return message.put("rooms", new JsonArray(new ArrayList<>(options.rooms())))
        .put("except", new JsonArray(new ArrayList<>(options.except())));
  }

  /** The selection of a message, made local: the receiving node applies it to its own sockets. */
  static BroadcastOptions localSelection(JsonObject message) {
    return new BroadcastOptions(strings(message.getJsonArray("rooms")), strings(message.getJsonArray("except")),
        true);
  }

  static Set<String> strings(JsonArray array) {
    Set<String> set = new HashSet<>();
    if (array != null) {
      for (Object o : array) {
        set.add((String) o);
      }
    }
    return set;
  }

  static JsonObject withPacket(JsonObject message, Packet packet) {
    EncodedPacket encoded = PacketEncoder.encode(packet);
    message.put("packet", encoded.text());
    if (!encoded.attachments().isEmpty()) {
      JsonArray attachments = new JsonArray();
      encoded.attachments().forEach(b -> attachments.add(Base64.getEncoder().encodeToString(b.getBytes())));
      message.put("attachments", attachments);
    }
    return message;
  }

  static Packet packet(JsonObject message) throws PacketParseException {
    JsonArray attachments = message.getJsonArray("attachments");
    int count = attachments == null ? 0 : attachments.size();
    PacketDecoder decoder = new PacketDecoder(Math.max(count, 1));
    Packet packet = decoder.add(message.getString("packet"));
    for (int i = 0; i < count; i++) {
      packet = decoder.add(Buffer.buffer(Base64.getDecoder().decode(attachments.getString(i))));
    }
    if (packet == null) {
      throw new PacketParseException("a cluster message's packet lacks attachments");
    }
    return packet;
  }

  static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(array.getJsonObject(i));
    }
    return list;
  }
}
