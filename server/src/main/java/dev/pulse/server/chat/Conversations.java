package dev.pulse.server.chat;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.members.Members;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.presence.PresenceView;
import dev.pulse.server.profiles.Avatars;
import dev.pulse.server.profiles.Profile;
import dev.pulse.server.store.BlockRepository;
import dev.pulse.server.store.ConversationRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.MessageRepository.Conversation;
import dev.pulse.server.store.ProfileRepository;
import dev.pulse.server.store.ReactionRepository;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.SQLException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What two members have said to each other: the list of someone's conversations, the message
 * requests waiting for their answer, history pages and read marks. Used on the event loop.
 */
public final class Conversations {
  /** Most conversations listed, the most recent ones. */
  public static final int MAX_CONVERSATIONS = 200;

  /** One entry of someone's conversation list, as they see it. */
  public record Summary(String with, Profile profile, Message lastMessage, int unread, PresenceView presence) {
    public String avatarUrl() {
      return profile == null ? null : Avatars.urlOf(profile);
    }

    /** {@code {with, displayName?, avatarUrl?, lastMessage, unread, presence}}. */
    public JsonObject toJson() {
      JsonObject item = new JsonObject().put("with", with).put("lastMessage", lastMessage.toJson()).put("unread", unread);
      if (profile != null) {
        item.put("displayName", profile.displayName()).put("avatarUrl", avatarUrl());
      }
      return item.put("presence", presence.toJson());
    }
  }

  /** Someone's conversations, and how many message requests wait for their answer (not among them). */
  public record Listing(List<Summary> items, int pendingRequests) {}

  private record Row(Conversation conversation, Profile profile) {}

  /** A history page, oldest first; {@code nextBefore} is the cursor for the older page, null on the oldest. */
  public record Page(List<Message> items, Long nextBefore) {}

  private final Database db;
  private final MessageRepository messages;
  private final ReactionRepository reactions;
  private final ConversationRepository standings;
  private final ProfileRepository profiles;
  private final BlockRepository blocks;
  private final Members members;
  private final PresenceService presence;
  private final ChatDelivery delivery;
  private final Clock clock;

  public Conversations(Database db, MessageRepository messages, ReactionRepository reactions,
      ConversationRepository standings, ProfileRepository profiles, BlockRepository blocks, Members members,
      PresenceService presence, ChatDelivery delivery, Clock clock) {
    this.db = db;
    this.messages = messages;
    this.reactions = reactions;
    this.standings = standings;
    this.profiles = profiles;
    this.blocks = blocks;
    this.members = members;
    this.presence = presence;
    this.delivery = delivery;
    this.clock = clock;
  }

  /**
   * {@code user}'s conversations, most recent first, with each partner's profile and presence;
   * requests to them they have not accepted are left out and counted.
   */
  public Future<Listing> list(String user) {
    record Found(List<Row> rows, int pending) {}
    return db.run(c -> {
      List<Conversation> list = withReactions(c, messages.conversations(c, user, MAX_CONVERSATIONS));
      Map<String, ProfileRepository.Row> found =
          profiles.findAll(c, list.stream().map(Conversation::with).toList());
      Map<String, Instant> blockedBy = blocks.blockersSince(c, user);
      List<Row> rows = new ArrayList<>(list.size());
      for (Conversation conv : list) {
        ProfileRepository.Row row = found.get(conv.with());
        Message last = conv.lastMessage();
        if (last != null && last.from().equals(user)) {
          conv = new Conversation(conv.with(), last.asSeenBySender(blockedBy.get(conv.with())), conv.unread());
        }
        rows.add(new Row(conv, row == null ? null : row.profile()));
      }
      return new Found(rows, standings.pendingCount(c, user));
    }).compose(found -> summaries(user, found.rows()).map(items -> new Listing(items, found.pending())));
  }

  /** The message requests waiting for {@code user}'s answer, most recent first, as conversations. */
  public Future<List<Summary>> requests(String user) {
    return db.read(c -> {
      List<String> senders = standings.requestersTo(c, user, MAX_CONVERSATIONS);
      Map<String, Message> last = messages.lastMessages(c, senders.stream().map(s -> Message.pairKey(user, s)).toList());
      Map<String, Integer> unread = messages.unreadBySender(c, user);
      Map<String, ProfileRepository.Row> found = profiles.findAll(c, senders);
      List<Row> rows = new ArrayList<>(senders.size());
      for (String sender : senders) {
        Message m = last.get(Message.pairKey(user, sender));
        ProfileRepository.Row row = found.get(sender);
        // a request whose first message could not be stored has nothing to show
        if (m != null) {
          rows.add(new Row(new Conversation(sender, m, unread.getOrDefault(sender, 0)), row == null ? null : row.profile()));
        }
      }
      return rows;
    }).compose(rows -> summaries(user, rows));
  }

  private Future<List<Summary>> summaries(String user, List<Row> rows) {
    return presence.viewsFor(user, rows.stream().map(r -> r.conversation().with()).toList())
        .map(views -> rows.stream().map(r -> new Summary(r.conversation().with(), r.profile(),
            r.conversation().lastMessage(), r.conversation().unread(), views.get(r.conversation().with()))).toList());
  }

  private List<Conversation> withReactions(Connection c, List<Conversation> list) throws SQLException {
    List<Message> last = reactions.withReactions(c, list.stream().map(Conversation::lastMessage).toList());
    List<Conversation> result = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      result.add(new Conversation(list.get(i).with(), last.get(i), list.get(i).unread()));
    }
    return result;
  }

  /** Up to {@code limit} messages between two users before the id {@code before} (null: the newest). */
  public Future<Page> history(String user, String other, Long before, int limit) {
    long beforeId = before == null ? Long.MAX_VALUE : before;
    return members.require(other)
        .compose(m -> db.run(c -> {
          List<Message> page = reactions.withReactions(c, messages.history(c, user, other, beforeId, limit));
          if (!m.hasBlocked(user)) {
            return page;
          }
          Instant blockedAt = blocks.blockersSince(c, user).get(other);
          return page.stream().map(msg -> msg.from().equals(user) ? msg.asSeenBySender(blockedAt) : msg).toList();
        }))
        .map(items -> new Page(items, items.size() < limit ? null : items.get(0).id()));
  }

  /** Marks messages from {@code with} to {@code reader} read up to {@code upToId}; tells both. */
  public Future<Instant> markRead(String reader, String with, long upToId) {
    if (with == null || with.isBlank() || with.equals(reader)) {
      return Future.failedFuture(DomainException.invalid("'with' must name the other user"));
    }
    if (upToId <= 0) {
      return Future.failedFuture(DomainException.invalid("'upToId' must be a message id"));
    }
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return db.run(c -> messages.markRead(c, reader, with, upToId, at))
        .compose(count -> members.hasBlocked(reader, with).map(blocked -> {
          if (count > 0) {
            // whom the reader blocked does not learn they read
            delivery.read(reader, with, !blocked, upToId, at);
          }
          return at;
        }));
  }
}
