package dev.pulse.server.store;

import dev.pulse.server.chat.CallEntry;
import dev.pulse.server.chat.ChatPhoto;
import dev.pulse.server.chat.Message;
import dev.pulse.server.chat.OutgoingMessage;
import dev.pulse.server.chat.Quote;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Messages: stored in batches, history pages, conversations, delivery and read marks. */
public final class MessageRepository {
  private static final String COLUMNS = "id, sender, recipient, body, client_id, created_at, delivered_at, read_at,"
      + " call_entry, reply_entry, photo_entry";

  /** The outcome of storing one message: the stored row, and whether it was there already. */
  public record Stored(Message message, boolean duplicate) {}

  /** The last message with one other user and how many of theirs are unread. */
  public record Conversation(String with, Message lastMessage, int unread) {}

  /**
   * Stores {@code batch} on {@code c} (the caller owns the transaction), in order. A message
   * whose (sender, clientId) is already stored, or appears earlier in the batch, is not stored
   * again: its result is the first one, marked duplicate. The insert itself skips rows the
   * unique index already holds, so the usual case (no duplicate) costs no lookups.
   */
  public List<Stored> storeAll(Connection c, List<OutgoingMessage> batch) throws SQLException {
    Stored[] results = new Stored[batch.size()];
    Map<String, Integer> firstInBatch = new HashMap<>();
    List<Integer> firsts = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      OutgoingMessage m = batch.get(i);
      if (m.clientId() == null || firstInBatch.putIfAbsent(dedupeKey(m), i) == null) {
        firsts.add(i);
      }
    }
    Long[] ids = insertSkippingStored(c, firsts.stream().map(batch::get).toList());
    for (int k = 0; k < firsts.size(); k++) {
      int i = firsts.get(k);
      OutgoingMessage m = batch.get(i);
      results[i] = ids[k] != null
          ? new Stored(new Message(ids[k], m.from(), m.to(), m.body(), m.clientId(), m.timestamp(), null, null, null,
              m.reply(), m.photo(), List.of()), false)
          : new Stored(findByClientId(c, m.from(), m.clientId())
              .orElseThrow(() -> new SQLException("a skipped insert has no stored row for its clientId")), true);
    }
    for (int i = 0; i < batch.size(); i++) {
      if (results[i] == null) {
        Stored first = results[firstInBatch.get(dedupeKey(batch.get(i)))];
        results[i] = new Stored(first.message(), true);
      }
    }
    return List.of(results);
  }

  /**
   * Inserts {@code rows}, skipping those whose (sender, clientId) is stored already; gives each
   * row's new id, or null where it was skipped.
   */
  private static Long[] insertSkippingStored(Connection c, List<OutgoingMessage> rows) throws SQLException {
    return Dialect.of(c) == Dialect.SQLITE ? insertEach(c, rows) : insertBatch(c, rows);
  }

  private static final String INSERT = "INSERT INTO messages (pair_key, sender, recipient, body, client_id,"
      + " created_at, reply_entry, photo_entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  /**
   * SQLite runs in this process, so a statement per row costs no round trip; RETURNING gives the
   * id of each row inserted and nothing for a row skipped.
   */
  private static Long[] insertEach(Connection c, List<OutgoingMessage> rows) throws SQLException {
    Long[] ids = new Long[rows.size()];
    try (PreparedStatement s = c.prepareStatement(INSERT + " RETURNING id")) {
      for (int k = 0; k < rows.size(); k++) {
        bindInsert(s, rows.get(k));
        try (ResultSet rs = s.executeQuery()) {
          ids[k] = rs.next() ? rs.getLong(1) : null;
        }
      }
    }
    return ids;
  }

  /** PostgreSQL: one batch, one round trip. */
  private static Long[] insertBatch(Connection c, List<OutgoingMessage> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT, new String[] {"id"})) {
      for (OutgoingMessage m : rows) {
        bindInsert(s, m);
        s.addBatch();
      }
      int[] counts = s.executeBatch();
      List<Long> keys = new ArrayList<>(rows.size());
      try (ResultSet rs = s.getGeneratedKeys()) {
        while (rs.next()) {
          keys.add(rs.getLong(1));
        }
      }
      // keys come only for inserted rows, in order; a count of 0 is a row skipped. A driver that
      // reports no per-row counts is understood only when every row was inserted.
      boolean allInserted = keys.size() == rows.size();
      Long[] ids = new Long[rows.size()];
      int next = 0;
      for (int k = 0; k < rows.size(); k++) {
        if (allInserted || counts[k] > 0) {
          if (next >= keys.size()) {
            throw new SQLException("the driver returned fewer generated ids than rows inserted");
          }
          ids[k] = keys.get(next++);
        } else if (counts[k] != 0) {
          throw new SQLException("the driver did not report which rows of a batch were inserted");
        }
      }
      return ids;
    }
  }

  private static void bindInsert(PreparedStatement s, OutgoingMessage m) throws SQLException {
    s.setString(1, Message.pairKey(m.from(), m.to()));
    s.setString(2, m.from());
    s.setString(3, m.to());
    s.setString(4, m.body());
    s.setString(5, m.clientId());
    Jdbc.setInstant(s, 6, m.timestamp());
    s.setString(7, m.reply() == null ? null : m.reply().toJson().encode());
    s.setString(8, m.photo() == null ? null : m.photo().toStored().encode());
  }

  private static String dedupeKey(OutgoingMessage m) {
    return m.from() + "\u0000" + m.clientId();
  }

  public Optional<Message> findByClientId(Connection c, String sender, String clientId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM messages WHERE sender = ? AND client_id = ?")) {
      s.setString(1, sender);
      s.setString(2, clientId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The message with this id, if any. */
  public Optional<Message> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** Up to {@code limit} messages between two users with ids below {@code beforeId}, oldest first. */
  public List<Message> history(Connection c, String user, String other, long beforeId, int limit)
      throws SQLException {
    List<Message> page = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + " FROM messages WHERE pair_key = ? AND id < ? ORDER BY id DESC LIMIT ?")) {
      s.setString(1, Message.pairKey(user, other));
      s.setLong(2, beforeId);
      s.setInt(3, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          page.add(read(rs));
        }
      }
    }
    Collections.reverse(page);
    return page;
  }

  /**
   * The user's conversations, most recent first: every pair they have messages in, but requests
   * to them that they have not accepted (pending or declined; those are listed by
   * {@link #lastMessages}).
   */
  public List<Conversation> conversations(Connection c, String user, int limit) throws SQLException {
    Map<String, Message> last = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS.replaceAll("(\\w+)", "m.$1")
        + " FROM messages m JOIN (SELECT pair_key, MAX(id) AS last_id FROM messages"
        + " WHERE sender = ? OR recipient = ? GROUP BY pair_key) l ON m.id = l.last_id"
        + " WHERE NOT EXISTS (SELECT 1 FROM conversations p WHERE p.pair_key = m.pair_key"
        + " AND p.addressee = ? AND p.state <> 'accepted')"
        + " ORDER BY m.id DESC LIMIT ?")) {
      s.setString(1, user);
      s.setString(2, user);
      s.setString(3, user);
      s.setInt(4, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Message m = read(rs);
          last.put(m.from().equals(user) ? m.to() : m.from(), m);
        }
      }
    }
    Map<String, Integer> unread = unreadBySender(c, user);
    List<Conversation> result = new ArrayList<>();
    last.forEach((with, m) -> result.add(new Conversation(with, m, unread.getOrDefault(with, 0))));
    return result;
  }

  /** How many messages to {@code user} are unread, per sender. */
  public Map<String, Integer> unreadBySender(Connection c, String user) throws SQLException {
    Map<String, Integer> unread = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT sender, COUNT(*) FROM messages"
        + " WHERE recipient = ? AND read_at IS NULL GROUP BY sender")) {
      s.setString(1, user);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          unread.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return unread;
  }

  /** The last message of each of these conversations (by pair key) that has one; in one query. */
  public Map<String, Message> lastMessages(Connection c, Collection<String> pairKeys) throws SQLException {
    Map<String, Message> result = new HashMap<>();
    if (pairKeys.isEmpty()) {
      return result;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS.replaceAll("(\\w+)", "m.$1")
        + " FROM messages m JOIN (SELECT pair_key, MAX(id) AS last_id FROM messages WHERE "
        + Jdbc.inList(c, "pair_key") + " GROUP BY pair_key) l ON m.id = l.last_id")) {
      Jdbc.setList(s, 1, pairKeys, "VARCHAR");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Message m = read(rs);
          result.put(Message.pairKey(m.from(), m.to()), m);
        }
      }
    }
    return result;
  }

  /**
   * Marks every message from {@code sender} to {@code recipient} not yet delivered as delivered at
   * {@code at}; returns how many.
   */
  public int markDeliveredFrom(Connection c, String recipient, String sender, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE messages SET delivered_at = ?"
        + " WHERE recipient = ? AND sender = ? AND delivered_at IS NULL")) {
      Jdbc.setInstant(s, 1, at);
      s.setString(2, recipient);
      s.setString(3, sender);
      return s.executeUpdate();
    }
  }

  /**
   * For each of {@code users}, the people they have exchanged messages with, most recent
   * conversation first, at most {@code limitEach}; in one query.
   */
  public Map<String, List<String>> partnersOf(Connection c, Collection<String> users, int limitEach)
      throws SQLException {
    record Talk(String partner, long lastId) {}
    Map<String, List<Talk>> byUser = new HashMap<>();
    Set<String> wanted = new HashSet<>(users);
    if (!wanted.isEmpty()) {
      // two halves rather than one OR, so that each can use its index
      try (PreparedStatement s = c.prepareStatement("SELECT pair_key, MAX(id) AS last_id FROM ("
          + "SELECT pair_key, id FROM messages WHERE " + Jdbc.inList(c, "sender")
          + " UNION ALL SELECT pair_key, id FROM messages WHERE " + Jdbc.inList(c, "recipient")
          + ") m GROUP BY pair_key")) {
        Jdbc.setList(s, 1, wanted, "VARCHAR");
        Jdbc.setList(s, 2, wanted, "VARCHAR");
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            // the key is both names, sorted, around a ':' that no username contains
            String[] pair = rs.getString(1).split(":", 2);
            long lastId = rs.getLong(2);
            for (int side = 0; side < 2; side++) {
              if (wanted.contains(pair[side])) {
                byUser.computeIfAbsent(pair[side], u -> new ArrayList<>()).add(new Talk(pair[1 - side], lastId));
              }
            }
          }
        }
      }
    }
    Map<String, List<String>> result = new HashMap<>();
    for (String user : wanted) {
      result.put(user, byUser.getOrDefault(user, List.of()).stream()
          .sorted(Comparator.comparingLong(Talk::lastId).reversed()).limit(limitEach).map(Talk::partner).toList());
    }
    return result;
  }

  /**
   * For each of {@code recipients}, their messages not yet delivered to any connection, oldest
   * first, at most {@code limitEach}; in one query.
   */
  public Map<String, List<Message>> undeliveredFor(Connection c, Collection<String> recipients, int limitEach)
      throws SQLException {
    Map<String, List<Message>> result = new HashMap<>();
    recipients.forEach(r -> result.put(r, new ArrayList<>()));
    if (recipients.isEmpty()) {
      return result;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS
        + ", ROW_NUMBER() OVER (PARTITION BY recipient ORDER BY id) AS n FROM messages"
        + " WHERE " + Jdbc.inList(c, "recipient") + " AND delivered_at IS NULL) m WHERE n <= ? ORDER BY id")) {
      Jdbc.setList(s, 1, recipients, "VARCHAR");
      s.setInt(2, limitEach);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Message m = read(rs);
          result.get(m.to()).add(m);
        }
      }
    }
    return result;
  }

  /**
   * For each of {@code recipients}, per sender, the oldest message not yet delivered to them
   * (senders with none are absent); in one query on the index of undelivered messages.
   */
  public Map<String, Map<String, Long>> oldestUndelivered(Connection c, Collection<String> recipients)
      throws SQLException {
    Map<String, Map<String, Long>> result = new HashMap<>();
    if (recipients.isEmpty()) {
      return result;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT recipient, sender, MIN(id) FROM messages WHERE "
        + Jdbc.inList(c, "recipient") + " AND delivered_at IS NULL GROUP BY recipient, sender")) {
      Jdbc.setList(s, 1, recipients, "VARCHAR");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.computeIfAbsent(rs.getString(1), r -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
        }
      }
    }
    return result;
  }

  /** Messages to {@code recipient} not yet pushed to any of their connections, oldest first. */
  public List<Message> undelivered(Connection c, String recipient, int limit) throws SQLException {
    List<Message> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + " FROM messages WHERE recipient = ? AND delivered_at IS NULL ORDER BY id LIMIT ?")) {
      s.setString(1, recipient);
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(read(rs));
        }
      }
    }
    return result;
  }

  /**
   * Marks the messages with these ids delivered (those not already marked); returns how many
   * were newly marked.
   */
  public int markDelivered(Connection c, Collection<Long> ids, Instant at) throws SQLException {
    if (ids.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE messages SET delivered_at = ? WHERE " + Jdbc.inList(c, "id") + " AND delivered_at IS NULL")) {
      Jdbc.setInstant(s, 1, at);
      Jdbc.setList(s, 2, ids, "BIGINT");
      return s.executeUpdate();
    }
  }

  /**
   * Marks messages from {@code sender} to {@code reader} up to {@code upToId} read (and
   * delivered); returns the number newly marked.
   */
  public int markRead(Connection c, String reader, String sender, long upToId, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE messages SET read_at = ?,"
        + " delivered_at = COALESCE(delivered_at, ?)"
        + " WHERE recipient = ? AND sender = ? AND id <= ? AND read_at IS NULL")) {
      Jdbc.setInstant(s, 1, at);
      Jdbc.setInstant(s, 2, at);
      s.setString(3, reader);
      s.setString(4, sender);
      s.setLong(5, upToId);
      return s.executeUpdate();
    }
  }

  public long count(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM messages");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Message read(ResultSet rs) throws SQLException {
    return new Message(
        rs.getLong("id"),
        rs.getString("sender"),
        rs.getString("recipient"),
        rs.getString("body"),
        rs.getString("client_id"),
        Jdbc.getInstant(rs, "created_at"),
        Jdbc.getInstant(rs, "delivered_at"),
        Jdbc.getInstant(rs, "read_at"),
        callEntry(rs.getString("call_entry")),
        quote(rs.getString("reply_entry")),
        photo(rs.getString("photo_entry")),
        List.of());
  }

  private static Quote quote(String json) {
    return json == null ? null : Quote.fromJson(new JsonObject(json));
  }

  private static ChatPhoto photo(String json) {
    return json == null ? null : ChatPhoto.fromJson(new JsonObject(json));
  }

  private static CallEntry callEntry(String json) {
    return json == null ? null : CallEntry.fromJson(new JsonObject(json));
  }
}
