package dev.pulse.server.store;

import dev.pulse.server.reports.Report;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reports, newest first for moderators. */
public final class ReportRepository {

  /** Stores {@code r} (its id is ignored) and returns its id. */
  public long insert(Connection c, Report r) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO reports (reporter, reported, reason, details, place, "
        + "created_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, r.reporter());
      s.setString(2, r.reported());
      s.setString(3, r.reason());
      s.setString(4, r.details());
      s.setString(5, r.place());
      Jdbc.setInstant(s, 6, r.createdAt());
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** A page of reports, newest first. */
  public List<Report> newest(Connection c, int limit, int offset) throws SQLException {
    List<Report> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, reporter, reported, reason, details, place, created_at "
        + "FROM reports ORDER BY id DESC LIMIT ? OFFSET ?")) {
      s.setInt(1, limit);
      s.setInt(2, offset);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(new Report(rs.getLong("id"), rs.getString("reporter"), rs.getString("reported"),
              rs.getString("reason"), rs.getString("details"), rs.getString("place"),
              Jdbc.getInstant(rs, "created_at")));
        }
      }
    }
    return result;
  }

  public long count(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM reports");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
