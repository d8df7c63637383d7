package dev.pulse.server.store;

import dev.pulse.server.profiles.photos.Photo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Members' photos: the two encodings of each, and which members they belong to. */
public final class PhotoRepository {

  public void insert(Connection c, Photo p, byte[] large, byte[] thumb) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO photos (id, owner, width, height, large, thumb, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, p.id());
      s.setString(2, p.owner());
      s.setInt(3, p.width());
      s.setInt(4, p.height());
      s.setBytes(5, large);
      s.setBytes(6, thumb);
      Jdbc.setInstant(s, 7, p.createdAt());
      s.executeUpdate();
    }
  }

  /** {@code owner}'s photos, oldest first (the gallery's order). */
  public List<Photo> of(Connection c, String owner) throws SQLException {
    List<Photo> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, owner, width, height, created_at FROM photos "
        + "WHERE owner = ? ORDER BY created_at, id")) {
      s.setString(1, owner);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(new Photo(rs.getString("id"), rs.getString("owner"), rs.getInt("width"), rs.getInt("height"),
              Jdbc.getInstant(rs, "created_at")));
        }
      }
    }
    return result;
  }

  /** The bytes of one size of a photo. */
  public Optional<byte[]> image(Connection c, String id, Photo.Size size) throws SQLException {
    String column = size == Photo.Size.LARGE ? "large" : "thumb";
    try (PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM photos WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  /** Deletes {@code owner}'s photo {@code id}; false when they have no such photo. */
  public boolean delete(Connection c, String owner, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM photos WHERE id = ? AND owner = ?")) {
      s.setString(1, id);
      s.setString(2, owner);
      return s.executeUpdate() == 1;
    }
  }

  /** The profile photo of {@code username}, if any. */
  public Optional<String> profilePhoto(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT photo_id FROM profiles WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Marks the start of a change to {@code owner}'s photos: concurrent changes of one owner take turns. */
  public void lockOwner(Connection c, String owner, Instant now) throws SQLException {
    // updating the profile row takes its row lock on PostgreSQL (SQLite writes are serialized anyway)
    try (PreparedStatement s = c.prepareStatement("UPDATE profiles SET updated_at = ? WHERE username = ?")) {
      Jdbc.setInstant(s, 1, now);
      s.setString(2, owner);
      s.executeUpdate();
    }
  }
}
