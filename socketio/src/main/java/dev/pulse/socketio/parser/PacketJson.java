package dev.pulse.socketio.parser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * JSON as the protocol needs it: strict on input (one value, nothing after it), faithful in and
 * out (key order kept, integers stay integers, other numbers keep their exact digits).
 */
final class PacketJson {

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private PacketJson() {}

  /** Parses one JSON value; objects become {@link JsonObject}, arrays {@link JsonArray}. */
  @SuppressWarnings("unchecked")
  static Object parse(String text) throws PacketParseException {
    Object value;
    try {
      value = STRICT.readValue(text, Object.class);
    } catch (JsonProcessingException | RuntimeException e) {
      // RuntimeException: Jackson reports some number overflows (1e9999999999) that way.
      throw new PacketParseException("invalid JSON payload");
    }
    if (value instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      return new JsonArray((List<Object>) list);
    }
    return value;
  }

  static String write(Object value) {
    if (value instanceof JsonObject o) {
      return o.encode();
    }
    if (value instanceof JsonArray a) {
      return a.encode();
    }
    return Json.encode(value);
  }
}
