package dev.pulse.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Batched loading: keys asked for together share one read, a read takes at most a batch, and keys
 * asked for while reads are under way wait and share the next. The read is a recording fake whose
 * answers the test releases.
 */
class BatchLoaderTest {
  final Vertx vertx = Vertx.vertx();
  final List<List<String>> reads = new ArrayList<>();
  final List<Promise<Map<String, String>>> answers = new ArrayList<>();
  final BatchLoader<String> loader = new BatchLoader<>(vertx, keys -> {
    reads.add(keys);
    Promise<Map<String, String>> answer = Promise.promise();
    answers.add(answer);
    return answer.future();
  }, 3, 1);

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code action} on the loader's event loop and waits for it. */
  <T> T onLoop(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.runOnContext(v -> result.complete(action.get()));
    T value = result.get(10, TimeUnit.SECONDS);
    // one more turn, so that a dispatch scheduled by the action has run
    CompletableFuture<Void> turn = new CompletableFuture<>();
    vertx.runOnContext(v -> turn.complete(null));
    turn.get(10, TimeUnit.SECONDS);
    return value;
  }

  static Map<String, String> found(String... keys) {
    Map<String, String> map = new HashMap<>();
    for (String key : keys) {
      map.put(key, "value of " + key);
    }
    return map;
  }

  @Test
  void keysAskedForTogetherShareOneReadOfAtMostABatch() throws Exception {
    List<Future<String>> results = onLoop(() -> List.of(
        loader.load("a"), loader.load("b"), loader.load("a"), loader.load("c"), loader.load("d")));
    assertThat(reads).containsExactly(List.of("a", "b", "c"));

    onLoop(() -> answers.get(0).tryComplete(found("a", "c")));
    assertThat(reads).as("the key that did not fit goes next").containsExactly(List.of("a", "b", "c"), List.of("d"));
    onLoop(() -> answers.get(1).tryComplete(found("d")));

    assertThat(results).extracting(Future::result)
        .containsExactly("value of a", null, "value of a", "value of c", "value of d");
  }

  @Test
  void keysAskedForDuringAReadWaitAndShareTheNext() throws Exception {
    onLoop(() -> loader.load("a"));
    Future<String> b = onLoop(() -> loader.load("b"));
    Future<String> c = onLoop(() -> loader.load("c"));
    assertThat(reads).as("one read at a time").containsExactly(List.of("a"));

    onLoop(() -> answers.get(0).tryComplete(found("a")));
    assertThat(reads).containsExactly(List.of("a"), List.of("b", "c"));
    onLoop(() -> answers.get(1).tryComplete(found("b", "c")));
    assertThat(b.result()).isEqualTo("value of b");
    assertThat(c.result()).isEqualTo("value of c");
  }

  @Test
  void aFailedReadFailsItsKeysOnlyAndTheNextReadGoesAhead() throws Exception {
    Future<String> a = onLoop(() -> loader.load("a"));
    Future<String> b = onLoop(() -> loader.load("b"));
    onLoop(() -> answers.get(0).tryFail(new IllegalStateException("database down")));
    assertThat(a.failed()).isTrue();
    assertThat(a.cause()).hasMessage("database down");
    onLoop(() -> answers.get(1).tryComplete(found("b")));
    assertThat(b.result()).isEqualTo("value of b");
    // asked again after the failure: read again
    Future<String> again = onLoop(() -> loader.load("a"));
    onLoop(() -> answers.get(2).tryComplete(found("a")));
    assertThat(again.result()).isEqualTo("value of a");
  }
}
