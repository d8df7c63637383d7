package dev.pulse.server.store;

import dev.pulse.server.chat.CallEntry;
import dev.pulse.server.chat.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Ended calls: the call's record and the message that shows it in the conversation, together. */
public final class CallRepository {

  /** An ended call as it is recorded. */
  public record Ended(String id, String caller, String callee, String kind, Instant startedAt, Instant answeredAt,
      Instant endedAt, String reason, long durationSeconds) {}

  /**
   * Records {@code call} and its entry in the conversation (from the caller to the callee, with
   * {@code body} for clients that show only text); {@code readAt} non-null marks the entry read
   * (an answered or declined call leaves nothing unread). Run in one transaction; gives the message.
   */
  public Message record(Connection c, Ended call, CallEntry entry, String body, Instant readAt) throws SQLException {
    long messageId;
    try (PreparedStatement s = c.prepareStatement("INSERT INTO messages (pair_key, sender, recipient, body,"
        + " client_id, created_at, read_at, call_entry) VALUES (?, ?, ?, ?, NULL, ?, ?, ?) RETURNING id")) {
      s.setString(1, Message.pairKey(call.caller(), call.callee()));
      s.setString(2, call.caller());
      s.setString(3, call.callee());
      s.setString(4, body);
      Jdbc.setInstant(s, 5, call.endedAt());
      Jdbc.setInstant(s, 6, readAt);
      s.setString(7, entry.toJson().encode());
      try (ResultSet keys = s.executeQuery()) {
        if (!keys.next()) {
          throw new SQLException("no id for the call's message");
        }
        messageId = keys.getLong(1);
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO calls (id, caller, callee, kind, started_at,"
        + " answered_at, ended_at, reason, duration_seconds, message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, call.id());
      s.setString(2, call.caller());
      s.setString(3, call.callee());
      s.setString(4, call.kind());
      Jdbc.setInstant(s, 5, call.startedAt());
      Jdbc.setInstant(s, 6, call.answeredAt());
      Jdbc.setInstant(s, 7, call.endedAt());
      s.setString(8, call.reason());
      s.setLong(9, call.durationSeconds());
      s.setLong(10, messageId);
      s.executeUpdate();
    }
    return new Message(messageId, call.caller(), call.callee(), body, null, call.endedAt(), null, readAt, entry);
  }

  /** The recorded call, or null. */
  public Ended find(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, caller, callee, kind, started_at, answered_at,"
        + " ended_at, reason, duration_seconds FROM calls WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Ended(rs.getString("id"), rs.getString("caller"), rs.getString("callee"), rs.getString("kind"),
            Jdbc.getInstant(rs, "started_at"), Jdbc.getInstant(rs, "answered_at"), Jdbc.getInstant(rs, "ended_at"),
            rs.getString("reason"), rs.getLong("duration_seconds"));
      }
    }
  }
}
