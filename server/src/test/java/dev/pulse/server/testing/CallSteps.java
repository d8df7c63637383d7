package dev.pulse.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;

/** The steps of a call over the test {@link Client}, for the call tests on one node and on a cluster. */
public final class CallSteps {
  private CallSteps() {}

  /** {@code ack}, asserted to be a success. */
  public static JsonObject ok(JsonObject ack) {
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
    return ack;
  }

  /** The error code of {@code ack}, asserted to be a failure. */
  public static String errorCode(JsonObject ack) {
    assertThat(ack.getBoolean("ok")).as(ack.encode()).isFalse();
    return ack.getJsonObject("error").getString("code");
  }

  /** True when {@code e} (a {@code call_ended}) ends call {@code callId} for {@code reason}. */
  public static boolean ended(JsonObject e, String callId, String reason) {
    return callId.equals(e.getString("callId")) && reason.equals(e.getString("reason"));
  }

  /** {@code from} calls {@code to} ({@code kind}: audio or video); the invite is asserted accepted. The call's id. */
  public static String invite(Client from, String to, String kind) {
    JsonObject ack = ok(from.call("call_invite", new JsonObject().put("to", to).put("kind", kind)));
    assertThat(ack.getString("callId")).isNotBlank();
    return ack.getString("callId");
  }

  /** Emits {@code event} ({@code call_accept}, {@code call_hangup}...) for call {@code callId}; the ack. */
  public static JsonObject call(Client from, String event, String callId) {
    return from.call(event, new JsonObject().put("callId", callId));
  }

  /**
   * A call that is up: {@code caller} calls {@code calleeName}, whose connection {@code callee}
   * rings and answers, and the caller hears the answer. The call's id.
   */
  public static String answered(Client caller, Client callee, String calleeName, String kind) {
    String id = invite(caller, calleeName, kind);
    callee.await("call_incoming", e -> id.equals(e.getString("callId")));
    ok(call(callee, "call_accept", id));
    caller.await("call_accepted", e -> id.equals(e.getString("callId")));
    return id;
  }
}
