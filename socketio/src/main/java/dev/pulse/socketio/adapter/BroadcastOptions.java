package dev.pulse.socketio.adapter;

import java.util.Set;

/**
 * Who a broadcast reaches: sockets in any of {@code rooms} (every socket when empty), minus
 * sockets in any of {@code except} (a socket id is also a room). {@code local} keeps it on this
 * node.
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean local) {

  public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), false);

  public BroadcastOptions {
    rooms = Set.copyOf(rooms);
    except = Set.copyOf(except);
  }
}
