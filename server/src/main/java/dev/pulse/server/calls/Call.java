package dev.pulse.server.calls;

/**
 * One live call as the {@link CallStore} keeps it: plain data, and its transitions as methods
 * that return the next version (nothing here does I/O or reads a clock).
 *
 * <p>A call rings until the callee accepts ({@code answeredAt > 0}); then it is between two
 * connections, the caller's and the callee's that accepted. A party whose connection dropped has
 * a null socket until a new connection of theirs takes its place. {@code deadline} (epoch ms, 0
 * for none) is when the call ends by itself with {@code deadlineReason}: missed while ringing,
 * connection lost while a party is away. {@code version} is the store's, for compare-and-set.
 */
public record Call(
    String id,
    String caller,
    String callee,
    CallKind kind,
    String callerSocket,
    String calleeSocket,
    long startedAt,
    long answeredAt,
    long deadline,
    Reason deadlineReason,
    long version) {

  /** Which side of a call someone is on. */
  public enum Role {
    CALLER, CALLEE;

    public String wire() {
      return this == CALLER ? "caller" : "callee";
    }
  }

  /** A new call from {@code callerSocket}, ringing until {@code now + ringTimeout}. */
  public static Call ringing(String id, String caller, String callerSocket, String callee, CallKind kind, long now,
      long ringTimeout) {
    return new Call(id, caller, callee, kind, callerSocket, null, now, 0, now + ringTimeout, Reason.MISSED, 0);
  }

  public boolean answered() {
    return answeredAt > 0;
  }

  /** The user's side of this call, or null when they are not in it. */
  public Role roleOf(String username) {
    if (caller.equals(username)) {
      return Role.CALLER;
    }
    return callee.equals(username) ? Role.CALLEE : null;
  }

  /** The side whose connection {@code socket} is (the callee's only once answered), or null. */
  public Role partyOf(String socket) {
    if (socket == null) {
      return null;
    }
    if (socket.equals(callerSocket)) {
      return Role.CALLER;
    }
    return socket.equals(calleeSocket) ? Role.CALLEE : null;
  }

  public String user(Role role) {
    return role == Role.CALLER ? caller : callee;
  }

  public String socket(Role role) {
    return role == Role.CALLER ? callerSocket : calleeSocket;
  }

  public String other(String username) {
    return caller.equals(username) ? callee : caller;
  }

  /** Answered on {@code socket} at {@code now}: between two connections, no deadline. */
  public Call accepted(String socket, long now) {
    return new Call(id, caller, callee, kind, callerSocket, socket, startedAt, now, 0, null, version);
  }

  /**
   * {@code role}'s connection dropped at {@code now}: the call ends at {@code now + reconnect}
   * unless they come back (an earlier deadline, the other party's, stays).
   */
  public Call away(Role role, long now, long reconnect) {
    long until = deadline > 0 ? Math.min(deadline, now + reconnect) : now + reconnect;
    return new Call(id, caller, callee, kind, role == Role.CALLER ? null : callerSocket,
        role == Role.CALLEE ? null : calleeSocket, startedAt, answeredAt, until, Reason.CONNECTION_LOST, version);
  }

  /** {@code role} is back on {@code socket}; with both parties here, no deadline is left. */
  public Call back(Role role, String socket) {
    String callerNow = role == Role.CALLER ? socket : callerSocket;
    String calleeNow = role == Role.CALLEE ? socket : calleeSocket;
    boolean both = callerNow != null && calleeNow != null;
    return new Call(id, caller, callee, kind, callerNow, calleeNow, startedAt, answeredAt, both ? 0 : deadline,
        both ? null : deadlineReason, version);
  }

  /** True when the call waits for {@code role} to come back. */
  public boolean awaiting(Role role) {
    return answered() && socket(role) == null;
  }

  /** The same call as the store keeps it at {@code v}. */
  public Call withVersion(long v) {
    return new Call(id, caller, callee, kind, callerSocket, calleeSocket, startedAt, answeredAt, deadline,
        deadlineReason, v);
  }
}
