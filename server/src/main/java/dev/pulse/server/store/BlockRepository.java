package dev.pulse.server.store;

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
import java.util.Set;

/** Who blocked whom. */
public final class BlockRepository {

  public record Block(String username, Instant since) {}

  /** Idempotent: blocking twice keeps the first date. */
  public void block(Connection c, String blocker, String blocked, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO blocks (blocker, blocked, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, blocker);
      s.setString(2, blocked);
      Jdbc.setInstant(s, 3, now);
      s.executeUpdate();
    }
  }

  public void unblock(Connection c, String blocker, String blocked) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM blocks WHERE blocker = ? AND blocked = ?")) {
      s.setString(1, blocker);
      s.setString(2, blocked);
      s.executeUpdate();
    }
  }

  /** The users {@code blocker} has blocked, oldest first. */
  public List<Block> blockedBy(Connection c, String blocker) throws SQLException {
    List<Block> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT blocked, created_at FROM blocks WHERE blocker = ? ORDER BY created_at, blocked")) {
      s.setString(1, blocker);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(new Block(rs.getString(1), Jdbc.getInstant(rs, "created_at")));
        }
      }
    }
    return result;
  }

  /** For each of these users who blocked anyone, the users they blocked, in one query. */
  public Map<String, Set<String>> blockedByAll(Connection c, Collection<String> blockers) throws SQLException {
    Map<String, Set<String>> result = new HashMap<>();
    if (blockers.isEmpty()) {
      return result;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT blocker, blocked FROM blocks WHERE "
        + Jdbc.inList(c, "blocker"))) {
      Jdbc.setList(s, 1, blockers, "VARCHAR");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.computeIfAbsent(rs.getString(1), b -> new HashSet<>()).add(rs.getString(2));
        }
      }
    }
    return result;
  }

  /** For each of these users whom anyone blocked, who blocked them, in one query. */
  public Map<String, Set<String>> blockersOfAll(Connection c, Collection<String> blockedUsers) throws SQLException {
    Map<String, Set<String>> result = new HashMap<>();
    if (blockedUsers.isEmpty()) {
      return result;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT blocked, blocker FROM blocks WHERE "
        + Jdbc.inList(c, "blocked"))) {
      Jdbc.setList(s, 1, blockedUsers, "VARCHAR");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.computeIfAbsent(rs.getString(1), b -> new HashSet<>()).add(rs.getString(2));
        }
      }
    }
    return result;
  }

  /** The users who have blocked {@code blocked}, with when they did. */
  public Map<String, Instant> blockersSince(Connection c, String blocked) throws SQLException {
    Map<String, Instant> result = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT blocker, created_at FROM blocks WHERE blocked = ?")) {
      s.setString(1, blocked);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.put(rs.getString(1), Jdbc.getInstant(rs, "created_at"));
        }
      }
    }
    return result;
  }

  /** The users who have blocked {@code blocked}. */
  public Set<String> blockersOf(Connection c, String blocked) throws SQLException {
    Set<String> result = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement("SELECT blocker FROM blocks WHERE blocked = ?")) {
      s.setString(1, blocked);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
    }
    return result;
  }
}
