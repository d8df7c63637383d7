package dev.pulse.server.store;

import dev.pulse.server.chat.Message;
import dev.pulse.server.chat.Standing;
import dev.pulse.server.chat.Standing.State;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where each pair of members stands ({@code conversations}): message requests and their answers. */
public final class ConversationRepository {

  /**
   * The standing of the pair {@code pairKey}; {@code lock} holds the row until the transaction
   * ends (PostgreSQL; SQLite has one writer at a time anyway).
   */
  public Optional<Standing> find(Connection c, String pairKey, boolean lock) throws SQLException {
    String forUpdate = lock && Dialect.of(c) != Dialect.SQLITE ? " FOR UPDATE" : "";
    try (PreparedStatement s = c.prepareStatement(
        "SELECT requester, addressee, state FROM conversations WHERE pair_key = ?" + forUpdate)) {
      s.setString(1, pairKey);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Standing(rs.getString(1), rs.getString(2), State.of(rs.getString(3))))
            : Optional.empty();
      }
    }
  }

  /** Records the pair's standing; false when the pair has one already (then nothing changes). */
  public boolean insert(Connection c, String pairKey, Standing standing, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO conversations (pair_key, requester, addressee,"
        + " state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, pairKey);
      s.setString(2, standing.requester());
      s.setString(3, standing.addressee());
      s.setString(4, standing.state().wire());
      Jdbc.setInstant(s, 5, now);
      Jdbc.setInstant(s, 6, now);
      return s.executeUpdate() == 1;
    }
  }

  public void setState(Connection c, String pairKey, State state, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE conversations SET state = ?, updated_at = ? WHERE pair_key = ?")) {
      s.setString(1, state.wire());
      Jdbc.setInstant(s, 2, now);
      s.setString(3, pairKey);
      s.executeUpdate();
    }
  }

  /**
   * True when {@code a} and {@code b} have talked without a standing: a text message between them
   * (from before requests existed), or a call one of them answered. A call that rang unanswered
   * is no conversation: it must not open one for a stranger.
   */
  public boolean talkedBefore(Connection c, String a, String b) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM messages WHERE pair_key = ? AND call_entry IS NULL"
        + " UNION ALL SELECT 1 FROM calls WHERE answered_at IS NOT NULL"
        + " AND ((caller = ? AND callee = ?) OR (caller = ? AND callee = ?)) LIMIT 1")) {
      s.setString(1, Message.pairKey(a, b));
      s.setString(2, a);
      s.setString(3, b);
      s.setString(4, b);
      s.setString(5, a);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Who has a request waiting for {@code addressee}'s answer, the most recent first. */
  public List<String> requestersTo(Connection c, String addressee, int limit) throws SQLException {
    List<String> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT requester FROM conversations"
        + " WHERE addressee = ? AND state = 'pending' ORDER BY updated_at DESC, requester LIMIT ?")) {
      s.setString(1, addressee);
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
    }
    return result;
  }

  /** How many requests wait for {@code addressee}'s answer. */
  public int pendingCount(Connection c, String addressee) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT COUNT(*) FROM conversations WHERE addressee = ? AND state = 'pending'")) {
      s.setString(1, addressee);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** For each of {@code addressees} with requests waiting for them, who sent those; in one query. */
  public Map<String, Set<String>> pendingRequestersOf(Connection c, Collection<String> addressees)
      throws SQLException {
    Map<String, Set<String>> result = new HashMap<>();
    if (addressees.isEmpty()) {
      return result;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT addressee, requester FROM conversations WHERE "
        + Jdbc.inList(c, "addressee") + " AND state = 'pending'")) {
      Jdbc.setList(s, 1, addressees, "VARCHAR");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.computeIfAbsent(rs.getString(1), a -> new HashSet<>()).add(rs.getString(2));
        }
      }
    }
    return result;
  }
}
