package dev.pulse.server.store;

import dev.pulse.server.chat.ChatPhoto;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Photos sent in conversations: the two encodings of each, who sent it and to whom. */
public final class ChatPhotoRepository {

  /** A stored chat photo without its bytes. */
  public record Row(ChatPhoto photo, String owner, String recipient) {}

  public void insert(Connection c, ChatPhoto p, String owner, String recipient, byte[] large, byte[] thumb,
      Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO chat_photos (id, owner, recipient, width, height,"
        + " large, thumb, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, p.id());
      s.setString(2, owner);
      s.setString(3, recipient);
      s.setInt(4, p.width());
      s.setInt(5, p.height());
      s.setBytes(6, large);
      s.setBytes(7, thumb);
      Jdbc.setInstant(s, 8, at);
      s.executeUpdate();
    }
  }

  public Optional<Row> find(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id, owner, recipient, width, height FROM chat_photos WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Row(new ChatPhoto(rs.getString(1), rs.getInt(4), rs.getInt(5)), rs.getString(2),
                rs.getString(3)))
            : Optional.empty();
      }
    }
  }

  /** The bytes of one size of a chat photo, with who may see it. */
  public record Image(String owner, String recipient, byte[] bytes) {}

  public Optional<Image> image(Connection c, String id, ChatPhoto.Size size) throws SQLException {
    String column = size == ChatPhoto.Size.LARGE ? "large" : "thumb";
    try (PreparedStatement s = c.prepareStatement(
        "SELECT owner, recipient, " + column + " FROM chat_photos WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new Image(rs.getString(1), rs.getString(2), rs.getBytes(3))) : Optional.empty();
      }
    }
  }
}
