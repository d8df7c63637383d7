package dev.pulse.socketio.parser;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the protocol needs it, on Jackson's streaming API: strict on input (one value, nothing
 * after it), faithful both ways (key order kept, integers stay integers, other numbers keep their
 * digits). Writing replaces binary values by attachment placeholders in the same pass.
 */
final class PacketJson {

  /** Its codec writes values this class does not know (POJOs) the way Vert.x's Json would. */
  private static final JsonFactory FACTORY = DatabindCodec.mapper().getFactory();

  private PacketJson() {}

  /** Parses one JSON value; objects become {@link JsonObject}, arrays {@link JsonArray}. */
  static Object parse(String text) throws PacketParseException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new PacketParseException("empty JSON payload");
      }
      Object value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new PacketParseException("data after the JSON payload");
      }
      if (value instanceof Map<?, ?> map) {
        return new JsonObject(PacketJson.<Map<String, Object>>cast(map));
      }
      if (value instanceof List<?> list) {
        return new JsonArray(PacketJson.<List<Object>>cast(list));
      }
      return value;
    } catch (IOException | RuntimeException e) {
      // RuntimeException: Jackson reports some number overflows (1e9999999999) that way.
      throw new PacketParseException("invalid JSON payload");
    }
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
          map.put(name, read(parser, parser.nextToken()));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          list.add(read(parser, next));
        }
        return list;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return parser.getNumberValue(); // Integer, Long or BigInteger: the smallest that fits
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDecimalValue(); // keeps the digits: 1.50 stays 1.50
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected token " + token);
    }
  }

  /**
   * Writes {@code value} compactly. Each {@link Buffer} or byte[] inside becomes
   * {@code {"_placeholder":true,"num":n}} and is appended to {@code attachments}.
   */
  static String write(Object value, List<Buffer> attachments) {
    // The generator takes its buffers from the writer's recycler: a pooled one, so a packet does
    // not allocate (and zero) fresh kilobyte-sized char buffers, as a new BufferRecycler would.
    BufferRecycler recycler = FACTORY._getBufferRecycler();
    try (SegmentedStringWriter out = new SegmentedStringWriter(recycler);
        JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value, attachments);
      generator.flush();
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      recycler.releaseToPool();
    }
  }

  private static void write(JsonGenerator g, Object value, List<Buffer> attachments)
      throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof JsonObject o) {
      writeMap(g, o.getMap(), attachments);
    } else if (value instanceof JsonArray a) {
      writeList(g, a.getList(), attachments);
    } else if (value instanceof Map<?, ?> m) {
      writeMap(g, m, attachments);
    } else if (value instanceof List<?> l) {
      writeList(g, l, attachments);
    } else if (value instanceof Buffer b) {
      placeholder(g, b, attachments);
    } else if (value instanceof byte[] bytes) {
      placeholder(g, Buffer.buffer(bytes), attachments);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number n) {
      g.writeObject(n); // BigInteger, BigDecimal, Double, Float: as Jackson writes them
    } else if (value instanceof Enum<?> e) {
      g.writeString(e.name());
    } else {
      g.writeObject(value);
    }
  }

  private static void writeMap(JsonGenerator g, Map<?, ?> map, List<Buffer> attachments)
      throws IOException {
    g.writeStartObject();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      g.writeFieldName(String.valueOf(e.getKey()));
      write(g, e.getValue(), attachments);
    }
    g.writeEndObject();
  }

  private static void writeList(JsonGenerator g, List<?> list, List<Buffer> attachments)
      throws IOException {
    g.writeStartArray();
    for (Object item : list) {
      write(g, item, attachments);
    }
    g.writeEndArray();
  }

  private static void placeholder(JsonGenerator g, Buffer b, List<Buffer> attachments)
      throws IOException {
    g.writeStartObject();
    g.writeBooleanField("_placeholder", true);
    g.writeNumberField("num", attachments.size());
    g.writeEndObject();
    attachments.add(b);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
