package dev.pulse.server.store;

import dev.pulse.server.interests.Interest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Interests between members, and each member's shortlist. */
public final class InterestRepository {
  private static final String COLUMNS = "sender, recipient, status, created_at, updated_at";

  public Optional<Interest> find(Connection c, String from, String to) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM interests WHERE sender = ? AND recipient = ?")) {
      s.setString(1, from);
      s.setString(2, to);
      return first(s);
    }
  }

  public void insert(Connection c, Interest i) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO interests (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, i.from());
      s.setString(2, i.to());
      s.setString(3, i.status().wire());
      Jdbc.setInstant(s, 4, i.createdAt());
      Jdbc.setInstant(s, 5, i.updatedAt());
      s.executeUpdate();
    }
  }

  public void setStatus(Connection c, String from, String to, Interest.Status status, Instant at)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE interests SET status = ?, updated_at = ? WHERE sender = ? AND recipient = ?")) {
      s.setString(1, status.wire());
      Jdbc.setInstant(s, 2, at);
      s.setString(3, from);
      s.setString(4, to);
      s.executeUpdate();
    }
  }

  public boolean delete(Connection c, String from, String to) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM interests WHERE sender = ? AND recipient = ?")) {
      s.setString(1, from);
      s.setString(2, to);
      return s.executeUpdate() == 1;
    }
  }

  /** Interests received by {@code username}, most recently changed first. */
  public List<Interest> received(Connection c, String username) throws SQLException {
    return list(c, "recipient = ?", username, null);
  }

  /** Interests sent by {@code username}, most recently changed first. */
  public List<Interest> sent(Connection c, String username) throws SQLException {
    return list(c, "sender = ?", username, null);
  }

  /** Accepted interests either way, most recently accepted first. */
  public List<Interest> accepted(Connection c, String username) throws SQLException {
    return list(c, "(sender = ? OR recipient = ?) AND status = 'accepted'", username, username);
  }

  /** True when an interest between the two (either way) was accepted. */
  public boolean acceptedBetween(Connection c, String a, String b) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM interests WHERE status = 'accepted' AND "
        + "((sender = ? AND recipient = ?) OR (sender = ? AND recipient = ?))")) {
      s.setString(1, a);
      s.setString(2, b);
      s.setString(3, b);
      s.setString(4, a);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Adds {@code member} to {@code owner}'s shortlist; false when already there. */
  public boolean shortlist(Connection c, String owner, String member, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO shortlists (owner, member, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, owner);
      s.setString(2, member);
      Jdbc.setInstant(s, 3, now);
      return s.executeUpdate() == 1;
    }
  }

  public boolean unshortlist(Connection c, String owner, String member) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM shortlists WHERE owner = ? AND member = ?")) {
      s.setString(1, owner);
      s.setString(2, member);
      return s.executeUpdate() == 1;
    }
  }

  /** {@code owner}'s shortlist, most recently added first. */
  public List<String> shortlisted(Connection c, String owner) throws SQLException {
    List<String> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT member FROM shortlists WHERE owner = ? ORDER BY created_at DESC, member")) {
      s.setString(1, owner);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
    }
    return result;
  }

  public boolean isShortlisted(Connection c, String owner, String member) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM shortlists WHERE owner = ? AND member = ?")) {
      s.setString(1, owner);
      s.setString(2, member);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private List<Interest> list(Connection c, String where, String p1, String p2) throws SQLException {
    List<Interest> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM interests WHERE " + where + " ORDER BY updated_at DESC, sender, recipient")) {
      s.setString(1, p1);
      if (p2 != null) {
        s.setString(2, p2);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(read(rs));
        }
      }
    }
    return result;
  }

  private static Optional<Interest> first(PreparedStatement s) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  private static Interest read(ResultSet rs) throws SQLException {
    return new Interest(rs.getString("sender"), rs.getString("recipient"), Interest.Status.of(rs.getString("status")),
        Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "updated_at"));
  }
}
