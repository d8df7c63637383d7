package dev.pulse.server.chat;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.config.Config;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.MessageRepository.Stored;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * complete after the commit. Delivery marks ride in the same commits, so a burst of acks costs
 * no commits of its own.
 *
 * <p>The queue is bounded by time, not only by count. A job is refused at once with
 * {@code unavailable} when the queue holds more than {@code maxQueued} of work at the rate the
 * thread commits a backlog (a running average over batches of at least {@link #MIN_SAMPLE_BATCH}:
 * small batches cost a whole commit each and say nothing about how fast a backlog drains), or when
 * the oldest queued job has already waited twice that (the estimate is wrong: a stalled disk, a
 * starved core). Past capacity senders hear
 * so immediately, and an accepted message waits about that long at most. The same bound makes
 * {@link #close} quick: everything accepted is committed before it returns.
 */
public final class MessageWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
  static final int MAX_BATCH = 500;
  /** A hard cap under the time bound, for the moments before the rate is known. */
  static final int QUEUE_CAPACITY = 50_000;
  /** The first estimate of one job's commit time in a backlog, until one has been measured. */
  static final long INITIAL_NANOS_PER_JOB = 50_000;
  /** The smallest batch whose time per job updates the estimate. */
  static final int MIN_SAMPLE_BATCH = 32;
  /** How long {@link #close} waits for the queue to be committed before giving up on it. */
  static final long CLOSE_TIMEOUT_MILLIS = 60_000;

  /** One thing to write, with the promise its caller waits on and the context to complete it on. */
  private sealed interface Job {
    Promise<?> promise();

    Context context();

    long queuedAt();
  }

  private record StoreJob(OutgoingMessage message, Promise<Stored> promise, Context context, long queuedAt)
      implements Job {}

  private record DeliveredJob(Collection<Long> ids, Instant at, Promise<Integer> promise, Context context,
      long queuedAt) implements Job {}

  private final Vertx vertx;
  private final Database db;
  private final MessageRepository messages;
  private final long maxQueuedNanos;
  private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread thread;
  // guards the check of running and the offer together, so nothing is queued after the last drain
  private final Object accepting = new Object();
  private volatile boolean running = true;
  private volatile long nanosPerJob = INITIAL_NANOS_PER_JOB;

  /** A writer that queues at most {@link Config#DEFAULT_MESSAGE_QUEUE_MAX_MS} of work. */
  public MessageWriter(Vertx vertx, Database db, MessageRepository messages) {
    this(vertx, db, messages, Duration.ofMillis(Config.DEFAULT_MESSAGE_QUEUE_MAX_MS));
  }

  /**
   * @param maxQueued the most work to queue, measured as the time it would take to commit
   *     ({@code MESSAGE_QUEUE_MAX_MS})
   */
  public MessageWriter(Vertx vertx, Database db, MessageRepository messages, Duration maxQueued) {
    this.vertx = vertx;
    this.db = db;
    this.messages = messages;
    this.maxQueuedNanos = maxQueued.toNanos();
    this.thread = new Thread(this::run, "pulse-message-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Stores {@code message}; the future completes, on the caller's context, once it is committed. */
  public Future<Stored> store(OutgoingMessage message) {
    Promise<Stored> promise = Promise.promise();
    offer(new StoreJob(message, promise, vertx.getOrCreateContext(), System.nanoTime()),
        "The server is saving too many messages; try again");
    return promise.future();
  }

  /**
   * Marks the messages with these ids delivered at {@code at}; the future gives how many were
   * newly marked once that is committed.
   */
  public Future<Integer> markDelivered(Collection<Long> ids, Instant at) {
    Promise<Integer> promise = Promise.promise();
    offer(new DeliveredJob(ids, at, promise, vertx.getOrCreateContext(), System.nanoTime()),
        "The server is saving too much; delivery will be recorded on the next connect");
    return promise.future();
  }

  /*
   * Only messages are refused for the queue's time. A delivery mark records a batch of deliveries
   * in one statement: refusing it would save little while costing the senders their ticks and the
   * recipients a second push of those messages on their next connect. The queue's capacity still
   * bounds it.
   */
  private void offer(Job job, String busyMessage) {
    String refused;
    synchronized (accepting) {
      if (!running) {
        refused = "The server is shutting down; try again shortly";
      } else if ((job instanceof StoreJob && full(job.queuedAt())) || !queue.offer(job)) {
        refused = busyMessage;
      } else {
        return;
      }
    }
    // failed directly: the caller is on its context and hears at once
    job.promise().fail(DomainException.unavailable(refused));
  }

  private boolean full(long now) {
    Job oldest = queue.peek();
    return (queue.size() + 1L) * nanosPerJob > maxQueuedNanos
        || oldest != null && now - oldest.queuedAt() > 2 * maxQueuedNanos;
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
        long started = System.nanoTime();
        write(batch);
        if (batch.size() >= MIN_SAMPLE_BATCH) {
          // a running average, weighted by batch size, of what a job ahead in a backlog costs
          long sample = (System.nanoTime() - started) / batch.size();
          nanosPerJob = Math.max(1, nanosPerJob + (sample - nanosPerJob) * batch.size() / MAX_BATCH);
        }
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
    Results results;
    try {
      results = db.inTransaction(c -> apply(c, stores, marks));
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
      return;
    }
    // one hand-off per event loop per batch, not one per job
    Map<Context, List<Runnable>> completions = new IdentityHashMap<>();
    for (int i = 0; i < stores.size(); i++) {
      StoreJob job = stores.get(i);
      Stored stored = results.stored().get(i);
      completions.computeIfAbsent(job.context(), k -> new ArrayList<>()).add(() -> job.promise().complete(stored));
    }
    for (int i = 0; i < marks.size(); i++) {
      DeliveredJob job = marks.get(i);
      int marked = results.marked()[i];
      completions.computeIfAbsent(job.context(), k -> new ArrayList<>()).add(() -> job.promise().complete(marked));
    }
    completions.forEach((context, list) -> context.runOnContext(v -> list.forEach(Runnable::run)));
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
    fail(batch, "The message could not be saved; try again");
  }

  private static void fail(List<Job> jobs, String message) {
    DomainException error = DomainException.unavailable(message);
    jobs.forEach(job -> job.context().runOnContext(v -> job.promise().tryFail(error)));
  }

  /**
   * Refuses new work at once ({@code unavailable}) and returns when everything already accepted
   * is committed and its callers completed, so the database can be closed after it.
   */
  @Override
  public void close() {
    synchronized (accepting) {
      running = false;
    }
    try {
      thread.join(CLOSE_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      List<Job> left = new ArrayList<>();
      queue.drainTo(left);
      log.error("message writer still busy after {} ms; {} queued jobs were not written",
          CLOSE_TIMEOUT_MILLIS, left.size());
      fail(left, "The server stopped before the message was saved; try again");
    }
  }
}
