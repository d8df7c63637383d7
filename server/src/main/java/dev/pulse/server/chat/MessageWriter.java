package dev.pulse.server.chat;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.MessageRepository.Stored;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes messages and their delivery marks with group commit: one thread takes whatever is
 * waiting (up to {@link #MAX_BATCH} jobs), applies it in one transaction, and only then
 * completes each caller's future. Under load many messages share one commit; alone, a message
 * waits for nothing. The "durable before ack" contract holds either way because futures
 * complete after the commit. Delivery marks ride in the same commits because a commit's cost
 * (on H2, rewriting every page it touched) dominates, and the marks touch the pages the new
 * messages just touched.
 */
public final class MessageWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
  static final int MAX_BATCH = 500;
  static final int QUEUE_CAPACITY = 50_000;

  /** One thing to write, with the promise its caller waits on and the context to complete it on. */
  private sealed interface Job {
    Promise<?> promise();

    Context context();

    default void fail(DomainException error) {
      context().runOnContext(v -> promise().tryFail(error));
    }
  }

  private record StoreJob(OutgoingMessage message, Promise<Stored> promise, Context context) implements Job {}

  private record DeliveredJob(Collection<Long> ids, Instant at, Promise<Integer> promise, Context context)
      implements Job {}

  private final Vertx vertx;
  private final Database db;
  private final MessageRepository messages;
  private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
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
    Promise<Stored> promise = Promise.promise();
    offer(new StoreJob(message, promise, vertx.getOrCreateContext()),
        "The server is saving too many messages; try again");
    return promise.future();
  }

  /**
   * Marks the messages with these ids delivered at {@code at}; the future gives how many were
   * newly marked once that is committed.
   */
  public Future<Integer> markDelivered(Collection<Long> ids, Instant at) {
    Promise<Integer> promise = Promise.promise();
    offer(new DeliveredJob(ids, at, promise, vertx.getOrCreateContext()),
        "The server is saving too much; delivery will be recorded on the next connect");
    return promise.future();
  }

  private void offer(Job job, String busyMessage) {
    if (!running) {
      job.fail(DomainException.unavailable("The server is shutting down; try again shortly"));
    } else if (!queue.offer(job)) {
      job.fail(DomainException.unavailable(busyMessage));
    }
  }

  private void run() {
    List<Job> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Job first = queue.poll(100, TimeUnit.MILLISECONDS);
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
        fail(batch);
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Job> batch) {
    List<StoreJob> stores = new ArrayList<>(batch.size());
    List<DeliveredJob> marks = new ArrayList<>();
    for (Job job : batch) {
      if (job instanceof StoreJob s) {
        stores.add(s);
      } else {
        marks.add((DeliveredJob) job);
      }
    }
    try {
      Results results = db.inTransaction(c -> apply(c, stores, marks));
      for (int i = 0; i < stores.size(); i++) {
        StoreJob job = stores.get(i);
        Stored stored = results.stored().get(i);
        job.context().runOnContext(v -> job.promise().complete(stored));
      }
      for (int i = 0; i < marks.size(); i++) {
        DeliveredJob job = marks.get(i);
        int marked = results.marked()[i];
        job.context().runOnContext(v -> job.promise().complete(marked));
      }
    } catch (SQLException e) {
      if (batch.size() == 1) {
        log.warn("could not write {}: {}", describe(batch.get(0)), e.toString());
        fail(batch);
        return;
      }
      // one bad row (or a clientId raced in from another node) must not sink the others
      for (Job job : batch) {
        write(List.of(job));
      }
    }
  }

  private record Results(List<Stored> stored, int[] marked) {}

  private Results apply(Connection c, List<StoreJob> stores, List<DeliveredJob> marks) throws SQLException {
    // marks first: they are for earlier messages, and a failure here is cheaper to retry alone
    int[] marked = new int[marks.size()];
    for (int i = 0; i < marks.size(); i++) {
      marked[i] = messages.markDelivered(c, marks.get(i).ids(), marks.get(i).at());
    }
    List<Stored> stored = List.of();
    if (!stores.isEmpty()) {
      List<OutgoingMessage> outgoing = new ArrayList<>(stores.size());
      stores.forEach(s -> outgoing.add(s.message()));
      stored = messages.storeAll(c, outgoing);
    }
    return new Results(stored, marked);
  }

  private static String describe(Job job) {
    return job instanceof StoreJob s
        ? "a message from " + s.message().from()
        : ((DeliveredJob) job).ids().size() + " delivery marks";
  }

  private static void fail(List<Job> batch) {
    // the cause is logged where it happened; the caller gets the one error shape
    DomainException error = DomainException.unavailable("The message could not be saved; try again");
    batch.forEach(job -> job.fail(error));
  }

  /** Stops taking work and waits until what was already taken is committed. */
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
