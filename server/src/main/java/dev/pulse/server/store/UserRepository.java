package dev.pulse.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Accounts: credentials, last seen, chosen status. */
public final class UserRepository {

  /** What presence needs to know about a user from the database. */
  public record StoredPresence(String status, String statusText, Instant lastSeen) {}

  /**
   * Inserts a new account; false when the username is taken. A taken name is skipped rather than
   * raised, so the caller's transaction stays usable (PostgreSQL aborts one after an error).
   */
  public boolean insert(Connection c, String username, String passwordHash, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, username);
      s.setString(2, passwordHash);
      Jdbc.setInstant(s, 3, now);
      return s.executeUpdate() == 1;
    }
  }

  public Optional<String> passwordHash(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  public void setPasswordHash(Connection c, String username, String passwordHash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE users SET password_hash = ? WHERE username = ?")) {
      s.setString(1, passwordHash);
      s.setString(2, username);
      s.executeUpdate();
    }
  }

  /**
   * Deletes the account; its profile, sessions, blocks either way and every message it sent or
   * received go with it (the schema's ON DELETE CASCADE). False when there was no such user.
   */
  public boolean delete(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM users WHERE username = ?")) {
      s.setString(1, username);
      return s.executeUpdate() == 1;
    }
  }

  public boolean exists(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM users WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  public Optional<StoredPresence> presence(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT status, status_text, last_seen FROM users WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new StoredPresence(
            rs.getString("status"), rs.getString("status_text"), Jdbc.getInstant(rs, "last_seen")));
      }
    }
  }

  /** The stored presence of each of these users that exists, by username, in one query. */
  public Map<String, StoredPresence> presenceOf(Connection c, Collection<String> usernames) throws SQLException {
    Map<String, StoredPresence> found = new HashMap<>();
    if (usernames.isEmpty()) {
      return found;
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT username, status, status_text, last_seen FROM users WHERE " + Jdbc.inList(c, "username"))) {
      Jdbc.setList(s, 1, usernames, "VARCHAR");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getString("username"), new StoredPresence(
              rs.getString("status"), rs.getString("status_text"), Jdbc.getInstant(rs, "last_seen")));
        }
      }
    }
    return found;
  }

  public void setLastSeen(Connection c, String username, Instant lastSeen) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE users SET last_seen = ? WHERE username = ?")) {
      Jdbc.setInstant(s, 1, lastSeen);
      s.setString(2, username);
      s.executeUpdate();
    }
  }

  public void setStatus(Connection c, String username, String status, String text) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE users SET status = ?, status_text = ? WHERE username = ?")) {
      s.setString(1, status);
      s.setString(2, text);
      s.setString(3, username);
      s.executeUpdate();
    }
  }

  public long count(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
