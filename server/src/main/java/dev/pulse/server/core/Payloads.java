package dev.pulse.server.core;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What no request may carry, wherever it comes from (a REST body, a socket event): the NUL
 * character, which PostgreSQL cannot store in text (it would fail deep in a query, looking like
 * an outage), and binary data, which no event takes (JSON would turn it into base64 text
 * silently). Both edges check each payload here once, whole, before any field is read.
 */
public final class Payloads {
  /** Deeper than any payload Pulse takes; a bound on the walk. */
  static final int MAX_DEPTH = 32;

  private Payloads() {}

  /** Throws {@code bad_request} when {@code payload} holds a NUL character or binary data. */
  public static void requireClean(JsonObject payload) {
    check(payload.getMap(), 0);
  }

  /** Throws {@code bad_request} when {@code text} holds a NUL character. */
  public static void requireNoNul(String text) {
    if (text != null && text.indexOf('\0') >= 0) {
      throw DomainException.invalid("Text must not contain the NUL character (\\u0000)");
    }
  }

  private static void check(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw DomainException.invalid("The payload is nested too deeply");
    }
    if (value instanceof String s) {
      requireNoNul(s);
    } else if (value instanceof Buffer || value instanceof byte[]) {
      throw DomainException.invalid("Binary attachments are not accepted; send text");
    } else if (value instanceof JsonObject o) {
      check(o.getMap(), depth + 1);
    } else if (value instanceof JsonArray a) {
      check(a.getList(), depth + 1);
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        check(e.getKey(), depth + 1);
        check(e.getValue(), depth + 1);
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        check(item, depth + 1);
      }
    }
  }
}
