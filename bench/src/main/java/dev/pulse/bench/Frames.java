package dev.pulse.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The few Engine.IO v4 / Socket.IO v5 text frames the load generator writes, on the default
 * namespace over WebSocket (reading is {@link Frame}).
 */
final class Frames {
  private Frames() {}

  /** {@code 42<ackId>["name",<json>]}; {@code json} is already encoded. */
  static String event(int ackId, String name, String json) {
    StringBuilder b = new StringBuilder(16 + name.length() + json.length());
    b.append("42");
    if (ackId != Frame.NO_ACK) {
      b.append(ackId);
    }
    return b.append("[\"").append(name).append("\",").append(json).append(']').toString();
  }

  /** The empty acknowledgement {@code 43<id>[]}. */
  static String emptyAck(int ackId) {
    return "43" + ackId + "[]";
  }

  /** The Socket.IO CONNECT packet carrying the auth payload, on the default namespace. */
  static String connect(String token) {
    return connect(token, false);
  }

  /**
   * The CONNECT packet; with {@code watch} it says the client will send {@code presence_watch}, so
   * the server tells it no one's presence until then (the contract's {@code auth.watch}).
   */
  static String connect(String token, boolean watch) {
    return "40{\"token\":\"" + token + "\"" + (watch ? ",\"watch\":true}" : "}");
  }

  /** The error code of a failed ack {@code [{"ok":false,"error":{"code":...}}]} (a rare path: parsed). */
  static String errorCode(Frame ack) {
    try {
      JsonObject reply = new JsonArray(ack.data()).getJsonObject(0);
      JsonObject error = reply.getJsonObject("error");
      return error == null ? "no_error_code" : error.getString("code", "no_error_code");
    } catch (RuntimeException e) {
      return "unparsable_ack";
    }
  }
}
