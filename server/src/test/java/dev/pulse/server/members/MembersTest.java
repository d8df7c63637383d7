package dev.pulse.server.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.config.Config;
import dev.pulse.server.presence.SavedStatus;
import dev.pulse.server.presence.Status;
import dev.pulse.server.store.BlockRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.UserRepository;
import dev.pulse.server.testing.Backend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The member directory against a real database: what it caches, and that changes made through it
 * reach the cached member and the database together.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class MembersTest {
  static final Instant T0 = Instant.parse("2026-11-25T18:30:00.125Z");

  @Parameter
  Backend backend;

  Path dataDir;
  String pgDatabase;
  Vertx vertx;
  Database db;
  final UserRepository users = new UserRepository();
  final BlockRepository blocks = new BlockRepository();
  Members members;

  @BeforeEach
  void open() throws Exception {
    dataDir = Files.createTempDirectory("pulse-members-test-");
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("DB_POOL_SIZE", "2");
    if (backend == Backend.POSTGRES) {
      pgDatabase = Backend.createPostgresDatabase();
      env.put("DATABASE_URL", Backend.postgresUrl(pgDatabase));
    }
    vertx = Vertx.vertx();
    db = Database.open(vertx, Config.fromEnv(env));
    members = new Members(vertx, db, users, blocks, Clock.fixed(T0, ZoneOffset.UTC));
    for (String name : List.of("priya", "arjun", "meera")) {
      register(name);
    }
  }

  @AfterEach
  void close() throws Exception {
    if (db != null) {
      db.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (pgDatabase != null) {
      Backend.dropPostgresDatabase(pgDatabase);
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  void register(String name) throws Exception {
    db.inTransaction(c -> users.insert(c, name, "hash", T0));
  }

  List<BlockRepository.Block> blockedBy(String blocker) throws Exception {
    return db.inTransaction(c -> blocks.blockedBy(c, blocker));
  }

  /** Runs {@code call} on the event loop and waits for the future it returns. */
  <T> T await(Supplier<Future<T>> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.runOnContext(v -> call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    return result.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aMemberIsLoadedWithTheirBlocksAndStoredPresenceAndThenServedFromTheCache() throws Exception {
    db.inTransaction(c -> {
      blocks.block(c, "priya", "arjun", T0);
      users.setStatus(c, "priya", "busy", "In a meeting");
      return null;
    });
    Member priya = await(() -> members.require("priya"));
    assertThat(priya.blocked()).containsExactly("arjun");
    assertThat(priya.saved()).isEqualTo(new SavedStatus(Status.BUSY, "In a meeting", null));

    // changed behind the directory's back: the cache still answers, without the database
    db.inTransaction(c -> {
      users.setStatus(c, "priya", "online", null);
      return null;
    });
    assertThat(await(() -> members.require("priya"))).isSameAs(priya);
    assertThat(priya.saved().chosen()).isEqualTo(Status.BUSY);
  }

  @Test
  void manyMembersAreFoundTogetherAndUnknownNamesAreLeftOut() throws Exception {
    Map<String, Member> found = await(() -> members.findAll(List.of("priya", "arjun", "nobody", "priya")));
    assertThat(found).containsOnlyKeys("priya", "arjun");
    assertThat(await(() -> members.require("arjun"))).isSameAs(found.get("arjun"));
  }

  @Test
  void anUnknownNameIsNotRememberedSoSomeoneRegisteringItIsFound() throws Exception {
    assertThat(await(() -> members.find("latecomer"))).isEmpty();
    register("latecomer");
    Optional<Member> found = await(() -> members.find("latecomer"));
    assertThat(found).isPresent();
  }

  @Test
  void blocksChangeTheCachedMemberAndTheDatabaseTogether() throws Exception {
    Member priya = await(() -> members.require("priya"));
    await(() -> members.block("priya", "meera"));
    assertThat(priya.hasBlocked("meera")).isTrue();
    assertThat(blockedBy("priya")).extracting(BlockRepository.Block::username).containsExactly("meera");
    await(() -> members.unblock("priya", "meera"));
    assertThat(priya.hasBlocked("meera")).isFalse();
    assertThat(blockedBy("priya")).isEmpty();
  }

  @Test
  void statusAndLastSeenAreWrittenThroughToTheCachedMember() throws Exception {
    Member arjun = await(() -> members.require("arjun"));
    Instant seen = T0.plusSeconds(60);
    await(() -> members.saveStatus("arjun", Status.AWAY, "Back at 6"));
    await(() -> members.saveLastSeen("arjun", seen));
    assertThat(arjun.saved()).isEqualTo(new SavedStatus(Status.AWAY, "Back at 6", seen));
    assertThat(db.inTransaction(c -> users.presence(c, "arjun")).orElseThrow())
        .isEqualTo(new UserRepository.StoredPresence("away", "Back at 6", seen));
  }

  @Test
  void aPinnedMemberStaysTheSameObjectAndIsKeptAfterUnpinning() throws Exception {
    Member meera = await(() -> members.require("meera"));
    members.pin(meera);
    assertThat(await(() -> members.require("meera"))).isSameAs(meera);
    members.unpin("meera");
    assertThat(await(() -> members.require("meera"))).isSameAs(meera);
  }
}
