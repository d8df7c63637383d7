package dev.pulse.server.store;

import dev.pulse.server.profiles.Profile;
import dev.pulse.server.profiles.ProfileOrder;
import dev.pulse.server.profiles.ProfileQuery;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Profiles: insert, update, find, and the paged list / search. */
public final class ProfileRepository {
  private static final String COLUMNS = "p.username, p.display_name, p.gender, p.date_of_birth, p.city, "
      + "p.country, p.religion, p.mother_tongue, p.education, p.occupation, p.height_cm, p.about, p.photo_id";

  /** A profile with its owner's stored last-seen time. */
  public record Row(Profile profile, Instant lastSeen) {}

  /** One page of profiles and how many match in all. */
  public record Page(List<Row> items, long total) {}

  public void insert(Connection c, Profile p, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO profiles (username, display_name, gender, date_of_birth, city, country, religion, "
            + "mother_tongue, education, occupation, height_cm, about, photo_id, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, p.username());
      bindFields(s, 2, p);
      s.setString(13, p.photoId());
      Jdbc.setInstant(s, 14, now);
      s.executeUpdate();
    }
  }

  /** Writes the profile's fields; its photo is left alone (it changes through {@link #setPhoto} only). */
  public void update(Connection c, Profile p, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE profiles SET display_name = ?, gender = ?, date_of_birth = ?, city = ?, country = ?, "
            + "religion = ?, mother_tongue = ?, education = ?, occupation = ?, height_cm = ?, about = ?, "
            + "updated_at = ? WHERE username = ?")) {
      bindFields(s, 1, p);
      Jdbc.setInstant(s, 12, now);
      s.setString(13, p.username());
      s.executeUpdate();
    }
  }

  /** Makes {@code photoId} (one of the member's photos, or null for none) the profile's picture. */
  public void setPhoto(Connection c, String username, String photoId, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE profiles SET photo_id = ?, updated_at = ? WHERE username = ?")) {
      s.setString(1, photoId);
      Jdbc.setInstant(s, 2, now);
      s.setString(3, username);
      s.executeUpdate();
    }
  }

  public Optional<Row> find(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + ", u.last_seen FROM profiles p JOIN users u ON u.username = p.username WHERE p.username = ?")) {
      s.setString(1, username);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new Row(read(rs), Jdbc.getInstant(rs, "last_seen"))) : Optional.empty();
      }
    }
  }

  /** The profiles of these users that exist, by username, in one query. */
  public Map<String, Row> findAll(Connection c, Collection<String> usernames) throws SQLException {
    Map<String, Row> found = new HashMap<>();
    if (usernames.isEmpty()) {
      return found;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + ", u.last_seen FROM profiles p JOIN users u ON u.username = p.username WHERE "
        + Jdbc.inList(c, "p.username"))) {
      Jdbc.setList(s, 1, usernames, "VARCHAR");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Row row = new Row(read(rs), Jdbc.getInstant(rs, "last_seen"));
          found.put(row.profile().username(), row);
        }
      }
    }
    return found;
  }

  /** Profiles matching {@code q}, newest member first, excluding the viewer. */
  public Page search(Connection c, ProfileQuery q, LocalDate today) throws SQLException {
    return search(c, q, today, ProfileOrder.NEWEST);
  }

  /** Profiles matching {@code q} in {@code order}, excluding the viewer. */
  public Page search(Connection c, ProfileQuery q, LocalDate today, ProfileOrder order) throws SQLException {
    if (q.onlyUsers() != null && q.onlyUsers().isEmpty()) {
      return new Page(List.of(), 0);
    }
    StringBuilder where = new StringBuilder(" WHERE p.username <> ?");
    List<Object> params = new ArrayList<>();
    params.add(q.viewer());
    if (q.minAge() != null) {
      // age >= min  <=>  born on or before today minus min years
      where.append(" AND p.date_of_birth <= ?");
      params.add(Date.valueOf(today.minusYears(q.minAge())));
    }
    if (q.maxAge() != null) {
      where.append(" AND p.date_of_birth > ?");
      params.add(Date.valueOf(today.minusYears(q.maxAge() + 1L)));
    }
    if (q.gender() != null) {
      where.append(" AND p.gender = ?");
      params.add(q.gender());
    }
    if (q.city() != null) {
      where.append(" AND LOWER(p.city) = ?");
      params.add(q.city().toLowerCase());
    }
    if (q.religion() != null) {
      where.append(" AND LOWER(p.religion) = ?");
      params.add(q.religion().toLowerCase());
    }
    if (q.motherTongue() != null) {
      where.append(" AND LOWER(p.mother_tongue) = ?");
      params.add(q.motherTongue().toLowerCase());
    }
    if (q.education() != null) {
      where.append(" AND LOWER(p.education) LIKE ? ESCAPE '\\'");
      params.add(Jdbc.likeContains(q.education()));
    }
    if (q.text() != null) {
      where.append(" AND (");
      String[] columns = {"p.display_name", "p.occupation", "p.education", "p.city", "p.about", "p.username"};
      for (int i = 0; i < columns.length; i++) {
        where.append(i == 0 ? "" : " OR ").append("LOWER(").append(columns[i]).append(") LIKE ? ESCAPE '\\'");
        params.add(Jdbc.likeContains(q.text()));
      }
      where.append(")");
    }
    if (q.onlyUsers() != null) {
      where.append(" AND p.username IN (").append("?,".repeat(q.onlyUsers().size() - 1)).append("?)");
      params.addAll(q.onlyUsers());
    }
    long total;
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM profiles p" + where)) {
      bind(s, params);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
    }
    List<Row> items = new ArrayList<>();
    // online first, then last seen newest first (hidden ones as never seen), then newest member
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + ", u.last_seen FROM profiles p JOIN users u ON u.username = p.username" + where
        + " ORDER BY CASE WHEN " + Jdbc.inList(c, "p.username") + " THEN 0 ELSE 1 END,"
        + " CASE WHEN " + Jdbc.inList(c, "p.username") + " THEN NULL ELSE u.last_seen END DESC NULLS LAST,"
        + " u.created_at DESC, p.username LIMIT ? OFFSET ?")) {
      bind(s, params);
      int next = params.size() + 1;
      Jdbc.setList(s, next, order.online(), "VARCHAR");
      Jdbc.setList(s, next + 1, order.lastSeenHidden(), "VARCHAR");
      s.setInt(next + 2, q.size());
      s.setLong(next + 3, (long) q.page() * q.size());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          items.add(new Row(read(rs), Jdbc.getInstant(rs, "last_seen")));
        }
      }
    }
    return new Page(items, total);
  }

  private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      s.setObject(i + 1, params.get(i));
    }
  }

  private static void bindFields(PreparedStatement s, int first, Profile p) throws SQLException {
    s.setString(first, p.displayName());
    s.setString(first + 1, p.gender());
    s.setDate(first + 2, Date.valueOf(p.dateOfBirth()));
    s.setString(first + 3, p.city());
    s.setString(first + 4, p.country());
    s.setString(first + 5, p.religion());
    s.setString(first + 6, p.motherTongue());
    s.setString(first + 7, p.education());
    s.setString(first + 8, p.occupation());
    if (p.heightCm() == null) {
      s.setNull(first + 9, Types.INTEGER);
    } else {
      s.setInt(first + 9, p.heightCm());
    }
    s.setString(first + 10, p.about());
  }

  private static Profile read(ResultSet rs) throws SQLException {
    return new Profile(
        rs.getString("username"),
        rs.getString("display_name"),
        rs.getString("gender"),
        rs.getDate("date_of_birth").toLocalDate(),
        rs.getString("city"),
        rs.getString("country"),
        rs.getString("religion"),
        rs.getString("mother_tongue"),
        rs.getString("education"),
        rs.getString("occupation"),
        Jdbc.getInteger(rs, "height_cm"),
        rs.getString("about"),
        rs.getString("photo_id"));
  }
}
