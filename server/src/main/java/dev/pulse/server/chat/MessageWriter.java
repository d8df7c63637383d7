package dev.pulse.server.chat;

import dev.pulse.server.api.ApiException;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.MessageRepository.Stored;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores messages with group commit: one thread takes whatever is waiting (up to
 * {@link #MAX_BATCH}), inserts it in one transaction, and only then completes each sender's
 * future. Under load many messages share one commit; alone, a message waits for nothing. The
 * "durable before ack" contract holds either way because futures complete after the commit.
 */
public final class MessageWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
  static final int MAX_BATCH = 500;
  static final int QUEUE_CAPACITY = 50_000;

  private record Pending(OutgoingMessage message, Promise<Stored> promise, Context context) {}

  private final Vertx vertx;
  private final Database db;
  private final MessageRepository messages;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread thread;
  private volatile boolean running = true;

  public MessageWriter(Vertx vertx, Database db, MessageRepository messages) {
    this.vertx = vertx;
    this.db = db;
    this.messages = messages;
    this.thread = new Thread(this::run, "pulse-message-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Stores {@code message}; the future completes, on the caller's context, once it is committed. */
  public Future<Stored> store(OutgoingMessage message) {
    Context context = vertx.getOrCreateContext();
    Promise<Stored> promise = Promise.promise();
    if (!running || !queue.offer(new Pending(message, promise, context))) {
      return Future.failedFuture(
          new ApiException(503, "unavailable", "The server is saving too many messages; try again"));
    }
    return promise.future();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        log.error("message writer failed on a batch of {}", batch.size(), e);
        fail(batch, e);
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) {
    List<OutgoingMessage> outgoing = new ArrayList<>(batch.size());
    batch.forEach(p -> outgoing.add(p.message()));
    try {
      List<Stored> stored = db.inTransaction(c -> messages.storeAll(c, outgoing));
      for (int i = 0; i < batch.size(); i++) {
        Pending p = batch.get(i);
        Stored s = stored.get(i);
        p.context().runOnContext(v -> p.promise().complete(s));
      }
    } catch (SQLException e) {
      if (batch.size() == 1) {
        log.warn("could not store a message from {}: {}", batch.get(0).message().from(), e.toString());
        fail(batch, e);
        return;
      }
      // one bad row (or a clientId raced in from another node) must not sink the others
      for (Pending p : batch) {
        write(List.of(p));
      }
    }
  }

  private static void fail(List<Pending> batch, Exception cause) {
    // the cause is logged where it happened; the sender gets the one error shape
    ApiException error = new ApiException(503, "unavailable", "The message could not be saved; try again");
    for (Pending p : batch) {
      p.context().runOnContext(v -> p.promise().tryFail(error));
    }
  }

  /** Stops taking messages and waits until those already taken are committed. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
