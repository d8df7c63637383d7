package dev.pulse.server.chat;

import dev.pulse.server.core.BatchLoader;
import dev.pulse.server.store.ConversationRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user's connection reads as it opens: the messages waiting for them, and the people they
 * talk with (whose presence it hears). Many users connect at once after a restart or in the
 * evening rush, so these are read in batches shared by everyone asking at the same time: a burst
 * of connects costs a few round trips, not one per connect. Event loop only.
 */
public final class Inbox {
  /** Most messages pushed to a user when they connect; older ones wait for the next connect. */
  public static final int CATCH_UP_LIMIT = 500;
  /** Most conversation partners whose presence a watching socket hears, the most recent. */
  public static final int PARTNERS_LIMIT = Conversations.MAX_CONVERSATIONS;
  /** Most users read by one query. */
  static final int BATCH = 200;
  /** Queries of each kind at the same time; more users wait and share the next one. */
  static final int IN_FLIGHT = 2;

  /**
   * What a connecting user missed: the messages no connection of theirs confirmed, oldest first,
   * and who sent them requests they have not answered (those messages are filed under Requests).
   */
  public record Backlog(List<Message> messages, Set<String> requestsFrom) {
    static final Backlog EMPTY = new Backlog(List.of(), Set.of());
  }

  private final BatchLoader<Backlog> undelivered;
  private final BatchLoader<List<String>> partners;

  public Inbox(Vertx vertx, Database db, MessageRepository messages, ConversationRepository standings) {
    undelivered = new BatchLoader<>(vertx, users -> db.run(c -> {
      Map<String, List<Message>> found = messages.undeliveredFor(c, users, CATCH_UP_LIMIT);
      // only users with something waiting can have a request among it: usually a few of the batch
      List<String> waiting = found.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
      Map<String, Set<String>> requests = standings.pendingRequestersOf(c, waiting);
      Map<String, Backlog> result = new HashMap<>();
      found.forEach((user, list) -> result.put(user, new Backlog(list, requests.getOrDefault(user, Set.of()))));
      return result;
    }), BATCH, IN_FLIGHT);
    partners = new BatchLoader<>(vertx,
        users -> db.run(c -> messages.partnersOf(c, users, PARTNERS_LIMIT)), BATCH, IN_FLIGHT);
  }

  /** Messages to {@code username} no connection of theirs has confirmed yet, oldest first. */
  public Future<Backlog> undelivered(String username) {
    return undelivered.load(username).map(found -> found == null ? Backlog.EMPTY : found);
  }

  /** The people {@code username} has a conversation with, most recent first. */
  public Future<List<String>> partners(String username) {
    return partners.load(username).map(found -> found == null ? List.of() : found);
  }
}
