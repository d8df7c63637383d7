package dev.pulse.server.realtime;

/**
 * The names of the rooms Pulse puts sockets in, in one place: services address users, and these
 * rooms are how a broadcast reaches a user's connections on whichever node they are.
 * Usernames never contain {@code :} or {@code *}, so the names cannot collide.
 */
public final class Rooms {
  /** Sockets told the online count once already: they get each later change. */
  public static final String ONLINE_COUNT = "online-count";

  private Rooms() {}

  /** Every connection of a user: messages, receipts and typing for them go here. */
  public static String user(String username) {
    return "user:" + username;
  }
}
