package dev.pulse.server.presence;

/** What others see of a user. */
public enum Status {
  ONLINE, AWAY, BUSY, OFFLINE;

  public String wire() {
    return name().toLowerCase();
  }

  /** A status a user may choose: online, away or busy; null for anything else. */
  public static Status chosen(String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "online" -> ONLINE;
      case "away" -> AWAY;
      case "busy" -> BUSY;
      default -> null;
    };
  }
}
