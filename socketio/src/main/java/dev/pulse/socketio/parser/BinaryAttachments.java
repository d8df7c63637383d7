package dev.pulse.socketio.parser;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Binary values inside packet data travel as separate messages; in the JSON they are replaced by
 * {@code {"_placeholder":true,"num":n}}, numbered depth-first ({@link PacketJson#write} emits
 * them). This puts the received binaries back in their places.
 */
final class BinaryAttachments {

  private BinaryAttachments() {}

  /** Replaces placeholders in place with their attachments. */
  @SuppressWarnings("unchecked")
  static Object reconstruct(Object value, List<Buffer> attachments) throws PacketParseException {
    if (value instanceof JsonArray a) {
      reconstructList(a.getList(), attachments);
    } else if (value instanceof JsonObject o) {
      return reconstructMap(o.getMap(), attachments, o);
    } else if (value instanceof List<?> list) {
      reconstructList((List<Object>) list, attachments);
    } else if (value instanceof Map<?, ?> map) {
      return reconstructMap((Map<String, Object>) map, attachments, map);
    }
    return value;
  }

  private static void reconstructList(List<Object> list, List<Buffer> attachments)
      throws PacketParseException {
    for (int i = 0; i < list.size(); i++) {
      list.set(i, reconstruct(list.get(i), attachments));
    }
  }

  private static Object reconstructMap(Map<String, Object> map, List<Buffer> attachments,
      Object self) throws PacketParseException {
    if (Boolean.TRUE.equals(map.get("_placeholder"))) {
      if (map.get("num") instanceof Integer num && num >= 0 && num < attachments.size()) {
        return attachments.get(num);
      }
      throw new PacketParseException("illegal attachment placeholder");
    }
    for (Map.Entry<String, Object> e : map.entrySet()) {
      e.setValue(reconstruct(e.getValue(), attachments));
    }
    return self;
  }
}
