package dev.pulse.server.chat;

import dev.pulse.server.core.BatchLoader;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

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

  private final BatchLoader<List<Message>> undelivered;
  private final BatchLoader<List<String>> partners;

  public Inbox(Vertx vertx, Database db, MessageRepository messages) {
    undelivered = new BatchLoader<>(vertx,
        users -> db.run(c -> messages.undeliveredFor(c, users, CATCH_UP_LIMIT)), BATCH, IN_FLIGHT);
    partners = new BatchLoader<>(vertx,
        users -> db.run(c -> messages.partnersOf(c, users, PARTNERS_LIMIT)), BATCH, IN_FLIGHT);
  }

  /** Messages to {@code username} no connection of theirs has confirmed yet, oldest first. */
  public Future<List<Message>> undelivered(String username) {
    return undelivered.load(username).map(found -> found == null ? List.of() : found);
  }

  /** The people {@code username} has a conversation with, most recent first. */
  public Future<List<String>> partners(String username) {
    return partners.load(username).map(found -> found == null ? List.of() : found);
  }
}
