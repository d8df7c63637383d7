package dev.pulse.server.realtime;

import dev.pulse.server.calls.Audience;
import dev.pulse.server.calls.Call;
import dev.pulse.server.calls.CallNotifier;
import dev.pulse.server.calls.Reason;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.socketio.BroadcastOperator;
import dev.pulse.socketio.Namespace;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls' events as broadcasts: to a user's room (every device of theirs), or to a connection's
 * own room, its id, which reaches it on whichever node it is. "In a call" for presence goes to
 * every node (each applies it to the users it holds). Event loop only.
 */
public final class CallPush implements CallNotifier {
  /** The server-side event that tells every node a user's call started or ended. */
  static final String IN_CALL = "call_presence";

  private final Namespace namespace;
  private final PresenceService presence;

  public CallPush(Namespace namespace, PresenceService presence) {
    this.namespace = namespace;
    this.presence = presence;
  }

  /** Applies other nodes' "in a call" news here; call once, when the socket edge is installed. */
  public void listen() {
    namespace.onServerSideEmit((event, args) -> {
      if (IN_CALL.equals(event) && args.size() == 2 && args.getValue(0) instanceof String user
          && args.getValue(1) instanceof Boolean inCall) {
        presence.inCall(user, inCall);
      }
    });
  }

  @Override
  public void ringing(Call call, Audience audience) {
    emit(audience, "call_incoming", new JsonObject().put("callId", call.id()).put("from", call.caller())
        .put("kind", call.kind().wire()));
  }

  @Override
  public void accepted(Call call) {
    emit(Audience.socket(call.callerSocket()), "call_accepted", new JsonObject().put("callId", call.id()));
  }

  @Override
  public void ended(String callId, Reason reason, Audience audience) {
    emit(audience, "call_ended", new JsonObject().put("callId", callId).put("reason", reason.wire()));
  }

  @Override
  public void signal(String callId, String toSocket, Object data) {
    emit(Audience.socket(toSocket), "call_signal", new JsonObject().put("callId", callId).put("data", data));
  }

  @Override
  public void reconnecting(Call call, Call.Role away) {
    Call.Role other = away == Call.Role.CALLER ? Call.Role.CALLEE : Call.Role.CALLER;
    emit(Audience.socket(call.socket(other)), "call_reconnecting",
        new JsonObject().put("callId", call.id()).put("who", call.user(away)));
  }

  @Override
  public void resumed(Call call, Call.Role back) {
    for (Call.Role role : Call.Role.values()) {
      emit(Audience.socket(call.socket(role)), "call_resumed", new JsonObject()
          .put("callId", call.id())
          .put("role", role.wire())
          .put("with", call.user(role == Call.Role.CALLER ? Call.Role.CALLEE : Call.Role.CALLER))
          .put("kind", call.kind().wire())
          .put("who", call.user(back))
          .put("answeredAt", java.time.Instant.ofEpochMilli(call.answeredAt()).toString()));
    }
  }

  @Override
  public void inCall(String username, boolean inCall) {
    presence.inCall(username, inCall);
    namespace.serverSideEmit(IN_CALL, username, inCall);
  }

  @Override
  public Future<Boolean> reachable(String username) {
    return namespace.to(Rooms.user(username)).fetchSockets().map(sockets -> !sockets.isEmpty())
        // without the other nodes' answer, what this node holds is all there is to go on
        .recover(err -> Future.succeededFuture(presence.connectedHere(username)));
  }

  @Override
  public Future<Boolean> connected(String socket) {
    return namespace.to(socket).fetchSockets().map(sockets -> !sockets.isEmpty())
        // unsure: take it for open; the party's own hang up or reconnect still ends or resumes the call
        .recover(err -> Future.succeededFuture(true));
  }

  private void emit(Audience audience, String event, JsonObject payload) {
    if (audience.isEmpty()) {
      return;
    }
    List<String> rooms = new ArrayList<>(audience.sockets());
    audience.users().forEach(u -> rooms.add(Rooms.user(u)));
    BroadcastOperator to = namespace.to(rooms.toArray(String[]::new));
    (audience.except() == null ? to : to.except(audience.except())).emit(event, payload);
  }
}
