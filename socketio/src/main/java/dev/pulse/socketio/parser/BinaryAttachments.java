package dev.pulse.socketio.parser;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary values inside packet data travel as separate messages; in the JSON they are replaced by
 * {@code {"_placeholder":true,"num":n}}, numbered depth-first.
 */
final class BinaryAttachments {

  private BinaryAttachments() {}

  static boolean hasBinary(Object value) {
    if (value instanceof Buffer || value instanceof byte[]) {
      return true;
    }
    if (value instanceof JsonArray a) {
      return hasBinary(a.getList());
    }
    if (value instanceof JsonObject o) {
      return hasBinary(o.getMap());
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (hasBinary(item)) {
          return true;
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Object item : map.values()) {
        if (hasBinary(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns a copy of {@code value} with placeholders, adding the binaries to {@code out}. */
  static Object deconstruct(Object value, List<Buffer> out) {
    if (value instanceof Buffer b) {
      return placeholder(out, b);
    }
    if (value instanceof byte[] bytes) {
      return placeholder(out, Buffer.buffer(bytes));
    }
    if (value instanceof JsonArray a) {
      return new JsonArray(deconstructList(a.getList(), out));
    }
    if (value instanceof JsonObject o) {
      return new JsonObject(deconstructMap(o.getMap(), out));
    }
    if (value instanceof List<?> list) {
      return deconstructList(list, out);
    }
    if (value instanceof Map<?, ?> map) {
      return deconstructMap(map, out);
    }
    return value;
  }

  private static List<Object> deconstructList(List<?> list, List<Buffer> out) {
    List<Object> copy = new ArrayList<>(list.size());
    for (Object item : list) {
      copy.add(deconstruct(item, out));
    }
    return copy;
  }

  private static Map<String, Object> deconstructMap(Map<?, ?> map, List<Buffer> out) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), deconstruct(v, out)));
    return copy;
  }

  private static Map<String, Object> placeholder(List<Buffer> out, Buffer b) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("_placeholder", true);
    p.put("num", out.size());
    out.add(b);
    return p;
  }

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
