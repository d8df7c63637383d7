package dev.pulse.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.IntFunction;

/**
 * Runs many asynchronous tasks with at most a given number in flight, each next one starting as
 * one finishes: registering or connecting thousands of users at once would only measure the
 * server's accept backlog. Runs on the event loop.
 */
final class Bounded {
  private Bounded() {}

  /**
   * Runs {@code task(0) .. task(count - 1)}, at most {@code limit} at a time. Completes once all
   * succeeded; fails with the first failure, after which no further task starts.
   */
  static Future<Void> run(int count, int limit, IntFunction<Future<?>> task) {
    if (count == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    int[] next = {0};
    int[] finished = {0};
    Runnable[] startNext = new Runnable[1];
    startNext[0] = () -> {
      if (next[0] >= count || done.future().isComplete()) {
        return;
      }
      task.apply(next[0]++).onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
        } else if (++finished[0] == count) {
          done.tryComplete();
        } else {
          startNext[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(limit, count); i++) {
      startNext[0].run();
    }
    return done.future();
  }
}
