package dev.pulse.server.realtime;

import dev.pulse.server.calls.CallKind;
import dev.pulse.server.calls.CallService;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The call events: {@code call_invite}, {@code call_accept}, {@code call_decline},
 * {@code call_cancel}, {@code call_hangup}, {@code call_signal}. Who acts is the session's user
 * and connection, never a payload field.
 */
final class CallEvents {
  /** Longest call id accepted (ids are UUIDs). */
  static final int CALL_ID_MAX = 64;

  private final CallService calls;

  CallEvents(CallService calls) {
    this.calls = calls;
  }

  Future<JsonObject> invite(Session s, JsonObject p) {
    String to = Fields.username(p, "to");
    CallKind kind = CallKind.of(Fields.string(p, "kind", true, 8));
    return calls.invite(s.username(), s.socket().id(), to, kind).map(id -> new JsonObject().put("callId", id));
  }

  Future<JsonObject> accept(Session s, JsonObject p) {
    return calls.accept(s.username(), s.socket().id(), callId(p)).map(call -> new JsonObject()
        .put("callId", call.id()).put("from", call.caller()).put("kind", call.kind().wire()));
  }

  Future<JsonObject> decline(Session s, JsonObject p) {
    String id = callId(p);
    return calls.decline(s.username(), s.socket().id(), id).map(v -> new JsonObject().put("callId", id));
  }

  Future<JsonObject> cancel(Session s, JsonObject p) {
    String id = callId(p);
    return calls.cancel(s.username(), s.socket().id(), id).map(v -> new JsonObject().put("callId", id));
  }

  Future<JsonObject> hangup(Session s, JsonObject p) {
    String id = callId(p);
    return calls.hangup(s.username(), s.socket().id(), id).map(v -> new JsonObject().put("callId", id));
  }

  Future<JsonObject> signal(Session s, JsonObject p) {
    Object data = p.getValue("data");
    if (!(data instanceof JsonObject) && !(data instanceof String)) {
      throw DomainException.invalid("'data' must be an object or a string");
    }
    String id = callId(p);
    return calls.signal(s.username(), s.socket().id(), id, data).map(v -> new JsonObject().put("callId", id));
  }

  private static String callId(JsonObject p) {
    return Fields.string(p, "callId", true, CALL_ID_MAX);
  }
}
