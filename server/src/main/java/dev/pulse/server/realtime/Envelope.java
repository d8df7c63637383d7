package dev.pulse.server.realtime;

import dev.pulse.server.core.DomainException;
import io.vertx.core.json.JsonObject;

/**
 * The one shape of every ack: {@code {"ok": true, ...result}} or
 * {@code {"ok": false, "error": {"code", "message"}}}; and the {@code error} event's payload.
 */
final class Envelope {
  private Envelope() {}

  static JsonObject ok(JsonObject result) {
    JsonObject ack = new JsonObject().put("ok", true);
    return result == null ? ack : ack.mergeIn(result);
  }

  static JsonObject failed(JsonObject error) {
    return new JsonObject().put("ok", false).put("error", error);
  }

  /** {@code {code, message}} of a domain failure. */
  static JsonObject error(DomainException e) {
    return error(e.code(), e.getMessage());
  }

  static JsonObject error(String code, String message) {
    return new JsonObject().put("code", code).put("message", message);
  }
}
