package dev.pulse.server.store;

import dev.pulse.server.chat.Message;
import dev.pulse.server.chat.Reaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reactions to messages: at most one per member and message. */
public final class ReactionRepository {

  /** {@code messages} with their reactions filled in, in one query. */
  public List<Message> withReactions(Connection c, List<Message> messages) throws SQLException {
    if (messages.isEmpty()) {
      return messages;
    }
    Map<Long, List<Reaction>> found = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT message_id, username, emoji FROM message_reactions WHERE "
        + Jdbc.inList(c, "message_id") + " ORDER BY created_at, username")) {
      Jdbc.setList(s, 1, messages.stream().map(Message::id).toList(), "BIGINT");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Reaction r = new Reaction(rs.getString(2), rs.getString(3));
          found.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(r);
        }
      }
    }
    if (found.isEmpty()) {
      return messages;
    }
    List<Message> result = new ArrayList<>(messages.size());
    for (Message m : messages) {
      List<Reaction> list = found.get(m.id());
      result.add(list == null ? m : m.withReactions(list));
    }
    return result;
  }

  /** {@code username}'s reaction to message {@code messageId}, or null. */
  public String find(Connection c, long messageId, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT emoji FROM message_reactions WHERE message_id = ? AND username = ?")) {
      s.setLong(1, messageId);
      s.setString(2, username);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Sets {@code username}'s reaction to message {@code messageId} to {@code emoji}, replacing theirs. */
  public void set(Connection c, long messageId, String username, String emoji, Instant at)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO message_reactions (message_id, username, emoji,"
        + " created_at) VALUES (?, ?, ?, ?) ON CONFLICT (message_id, username)"
        + " DO UPDATE SET emoji = excluded.emoji, created_at = excluded.created_at")) {
      s.setLong(1, messageId);
      s.setString(2, username);
      s.setString(3, emoji);
      Jdbc.setInstant(s, 4, at);
      s.executeUpdate();
    }
  }

  /** Removes {@code username}'s reaction to message {@code messageId}; false when there was none. */
  public boolean remove(Connection c, long messageId, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "DELETE FROM message_reactions WHERE message_id = ? AND username = ?")) {
      s.setLong(1, messageId);
      s.setString(2, username);
      return s.executeUpdate() > 0;
    }
  }
}
