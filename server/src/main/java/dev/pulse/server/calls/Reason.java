package dev.pulse.server.calls;

/**
 * Why a call ended for someone: the {@code reason} of {@code call_ended}. Every reason but
 * {@link #ANSWERED_ELSEWHERE} ends the call for both people; that one only stops a device ringing.
 */
public enum Reason {
  /** Another device of the callee accepted the call (only that callee's other devices hear it). */
  ANSWERED_ELSEWHERE("answered_elsewhere"),
  DECLINED("declined"),
  CANCELLED("cancelled"),
  /** Nobody answered within {@code CALL_RING_TIMEOUT_MS}. */
  MISSED("missed"),
  /** The callee had no open connection. */
  UNAVAILABLE("unavailable"),
  /** The callee was in another call. */
  BUSY("busy"),
  HANGUP("hangup"),
  /** A party's connection dropped and did not come back within {@code CALL_RECONNECT_MS}. */
  CONNECTION_LOST("connection_lost"),
  /** One of the two blocked the other during the call. */
  BLOCKED("blocked");

  private final String wire;

  Reason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Reason of(String wire) {
    for (Reason r : values()) {
      if (r.wire.equals(wire)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no call end reason '" + wire + "'");
  }
}
