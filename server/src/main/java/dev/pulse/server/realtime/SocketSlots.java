package dev.pulse.server.realtime;

import io.vertx.core.Future;

/**
 * How many sockets each user has open, where every node of a cluster sees it, so that the cap on
 * sockets per user ({@code SOCKETS_PER_USER}) holds for the user as a whole.
 */
public interface SocketSlots {
  /** Takes a slot for a new socket of {@code user}: true when taken, false when they have {@code max} already. */
  Future<Boolean> claim(String user, int max);

  /** Gives back a slot taken by {@link #claim}. */
  void release(String user);
}
