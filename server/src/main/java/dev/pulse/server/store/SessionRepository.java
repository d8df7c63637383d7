package dev.pulse.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Sign-in sessions: who, the hash of the refresh secret, until when. */
public final class SessionRepository {

  /** A stored session. */
  public record StoredSession(String id, String username, String secretHash, Instant expiresAt) {}

  public void insert(Connection c, String id, String username, String secretHash, Instant now, Instant expiresAt)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO sessions (id, username, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, id);
      s.setString(2, username);
      s.setString(3, secretHash);
      Jdbc.setInstant(s, 4, now);
      Jdbc.setInstant(s, 5, expiresAt);
      s.executeUpdate();
    }
  }

  public Optional<StoredSession> find(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id, username, secret_hash, expires_at FROM sessions WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new StoredSession(rs.getString("id"), rs.getString("username"),
                rs.getString("secret_hash"), Jdbc.getInstant(rs, "expires_at")))
            : Optional.empty();
      }
    }
  }

  /** The ids among {@code ids} that are stored. */
  public Set<String> existing(Connection c, Collection<String> ids) throws SQLException {
    Set<String> found = new HashSet<>();
    if (ids.isEmpty()) {
      return found;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM sessions WHERE " + Jdbc.inList(c, "id"))) {
      Jdbc.setList(s, 1, ids, "VARCHAR");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    return found;
  }

  /** The ids of {@code username}'s sessions. */
  public List<String> idsOf(Connection c, String username) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM sessions WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  public void delete(Connection c, Collection<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE " + Jdbc.inList(c, "id"))) {
      Jdbc.setList(s, 1, ids, "VARCHAR");
      s.executeUpdate();
    }
  }

  /** Deletes {@code username}'s sessions that expired before {@code now}. */
  public void deleteExpired(Connection c, String username, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE username = ? AND expires_at < ?")) {
      s.setString(1, username);
      Jdbc.setInstant(s, 2, now);
      s.executeUpdate();
    }
  }
}
