package dev.pulse.server.realtime;

/**
 * The names of the rooms Pulse puts sockets in, in one place: services address users, and these
 * rooms are how a broadcast reaches a user's connections on whichever node they are.
 * Usernames never contain {@code :} or {@code *}, so the names cannot collide.
 */
public final class Rooms {
  /** Sockets told the online count once already: they get each later change. */
  public static final String ONLINE_COUNT = "online-count";
  /** Sockets that hear everyone's presence: those that never sent {@code presence_watch}. */
  public static final String EVERYONE_PRESENCE = "presence:*";

  private Rooms() {}

  /** Every connection of a user: messages, receipts and typing for them go here. */
  public static String user(String username) {
    return "user:" + username;
  }

  /**
   * Sockets that hear a user's presence: those watching them, and those of the people they have
   * a conversation with. Presence goes to this room (and {@link #EVERYONE_PRESENCE}), so that a
   * node with no listener of a user need not hear of them at all.
   */
  public static String presenceOf(String username) {
    return "presence:" + username;
  }
}
