package dev.pulse.server.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few threads of their own for blocking work (CPU-heavy hashing, image resizing), so that a
 * flood of it uses those and not the database's workers or the event loop, and a bounded queue in
 * front of them: past {@code threads + queueMax} tasks in flight a new one is refused at once with
 * an {@code unavailable} {@link DomainException} instead of waiting behind all the others (and
 * holding its input in memory meanwhile). Tasks may be submitted from any thread.
 */
public final class BoundedWorkers {
  private final WorkerExecutor threads;
  private final int capacity;
  private final String busyMessage;
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * @param name of the threads
   * @param busyMessage what a refused task is told, for the person waiting on it
   */
  public BoundedWorkers(Vertx vertx, String name, int threads, int queueMax, String busyMessage) {
    this.threads = vertx.createSharedWorkerExecutor(name, threads);
    this.capacity = threads + queueMax;
    this.busyMessage = busyMessage;
  }

  /** Runs {@code work} on these threads, or fails at once with {@code unavailable} when the queue is full. */
  public <T> Future<T> run(Callable<T> work) {
    if (inFlight.incrementAndGet() > capacity) {
      inFlight.decrementAndGet();
      return Future.failedFuture(DomainException.unavailable(busyMessage));
    }
    return threads.executeBlocking(work, false).andThen(ar -> inFlight.decrementAndGet());
  }
}
