package dev.pulse.server.core;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads values by key in batches: the keys asked for in one event-loop turn, and those asked for
 * while the allowed number of batches is already being read, share the next query. A burst of
 * connects of different users thus costs a few {@code WHERE key IN (...)} round trips, not one
 * each. Event loop only; the load itself runs wherever {@code load} puts it (a worker thread).
 *
 * @param <V> the value; a key the load does not return gets null
 */
public final class BatchLoader<V> {
  private final Vertx vertx;
  private final Function<List<String>, Future<Map<String, V>>> load;
  private final int maxBatch;
  private final int maxInFlight;
  private final Map<String, Promise<V>> queued = new LinkedHashMap<>();
  private int inFlight;
  private boolean scheduled;

  /**
   * @param load reads the values of up to {@code maxBatch} keys at once
   * @param maxInFlight batches read at the same time; more keys wait for one to finish
   */
  public BatchLoader(Vertx vertx, Function<List<String>, Future<Map<String, V>>> load, int maxBatch, int maxInFlight) {
    this.vertx = vertx;
    this.load = load;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  /** The value of {@code key} (null when there is none), read with whatever else is asked for. */
  public Future<V> load(String key) {
    Promise<V> waiting = queued.get(key);
    if (waiting == null) {
      waiting = Promise.promise();
      queued.put(key, waiting);
      schedule();
    }
    return waiting.future();
  }

  private void schedule() {
    if (!scheduled && inFlight < maxInFlight) {
      scheduled = true;
      // at the end of this turn, so that every key asked for in it joins the batch
      vertx.runOnContext(v -> dispatch());
    }
  }

  private void dispatch() {
    scheduled = false;
    while (!queued.isEmpty() && inFlight < maxInFlight) {
      Map<String, Promise<V>> batch = new LinkedHashMap<>();
      Iterator<Map.Entry<String, Promise<V>>> it = queued.entrySet().iterator();
      while (it.hasNext() && batch.size() < maxBatch) {
        Map.Entry<String, Promise<V>> next = it.next();
        batch.put(next.getKey(), next.getValue());
        it.remove();
      }
      inFlight++;
      Future<Map<String, V>> result;
      try {
        result = load.apply(new ArrayList<>(batch.keySet()));
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(ar -> {
        inFlight--;
        batch.forEach((key, promise) -> {
          if (ar.succeeded()) {
            promise.complete(ar.result().get(key));
          } else {
            promise.fail(ar.cause());
          }
        });
        if (!queued.isEmpty()) {
          schedule();
        }
      });
    }
  }
}
