package dev.pulse.server.calls;

import io.vertx.core.Future;

/**
 * How calls reach people, whichever node their connections are on: implemented by the socket
 * edge. Connections are ids; users are usernames. Used on the event loop.
 */
public interface CallNotifier {

  /** {@code call} rings on {@code audience} ({@code call_incoming}). */
  void ringing(Call call, Audience audience);

  /** The callee answered: the caller's connection hears it ({@code call_accepted}). */
  void accepted(Call call);

  /** The call ended for {@code audience}, or for those devices only ({@link Reason#ANSWERED_ELSEWHERE}). */
  void ended(String callId, Reason reason, Audience audience);

  /** Relays opaque signalling {@code data} to one connection. */
  void signal(String callId, String toSocket, Object data);

  /** {@code call}'s party {@code away} dropped: the other one (if connected) is told to wait. */
  void reconnecting(Call call, Call.Role away);

  /** Both connections of an answered call hear that {@code back} is back ({@code call_resumed}). */
  void resumed(Call call, Call.Role back);

  /** The user is in an answered call now, or not any more (presence shows it on every node). */
  void inCall(String username, boolean inCall);

  /** True when the user has an open connection on some node. */
  Future<Boolean> reachable(String username);

  /** True when the connection is open on some node (false for one whose node died with it). */
  Future<Boolean> connected(String socket);
}
