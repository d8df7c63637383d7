package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.UserRepository.StoredPresence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Accounts: insert, credentials, last seen and chosen status, straight against the database. */
class UserRepositoryTest extends StoreTest {
  static final Instant JOINED = Instant.parse("2026-03-01T10:00:00Z");

  final UserRepository users = new UserRepository();

  boolean insert(String username, String hash, Instant now) throws Exception {
    return store.tx(c -> users.insert(c, username, hash, now));
  }

  Optional<String> passwordHash(String username) throws Exception {
    return store.tx(c -> users.passwordHash(c, username));
  }

  Optional<StoredPresence> presence(String username) throws Exception {
    return store.tx(c -> users.presence(c, username));
  }

  boolean exists(String username) throws Exception {
    return store.tx(c -> users.exists(c, username));
  }

  long count() throws Exception {
    return store.tx(users::count);
  }

  @Test
  void presenceOfManyGivesThoseWhoExistInOneQuery() throws Exception {
    insert("priya", "hash", JOINED);
    insert("arjun", "hash", JOINED);
    Instant seen = Instant.parse("2026-03-02T08:15:00.500Z");
    store.tx(c -> {
      users.setStatus(c, "priya", "busy", "In a meeting");
      users.setLastSeen(c, "arjun", seen);
      return null;
    });
    Map<String, StoredPresence> found = store.tx(c -> users.presenceOf(c, List.of("priya", "arjun", "nobody")));
    assertThat(found).isEqualTo(Map.of(
        "priya", new StoredPresence("busy", "In a meeting", null),
        "arjun", new StoredPresence("online", null, seen)));
    Map<String, StoredPresence> none = store.tx(c -> users.presenceOf(c, List.of()));
    assertThat(none).isEmpty();
  }

  @Test
  void insertIsFalseWhenTheNameIsTakenAndKeepsTheFirstAccount() throws Exception {
    assertThat(insert("priya", "first-hash", JOINED)).isTrue();
    assertThat(insert("priya", "second-hash", JOINED.plusSeconds(5))).isFalse();

    assertThat(passwordHash("priya")).hasValue("first-hash");
    assertThat(count()).isEqualTo(1);
    // the failed insert left the database usable for the next account
    assertThat(insert("arjun", "hash", JOINED)).isTrue();
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void takenNameLeavesTheSameTransactionUsable() throws Exception {
    insert("priya", "first-hash", JOINED);
    // PostgreSQL refuses every further statement in a transaction after an error
    boolean[] inserted = store.tx(c -> new boolean[] {
        users.insert(c, "priya", "again", JOINED), users.insert(c, "meera", "hash", JOINED)});
    assertThat(inserted).containsExactly(false, true);
    assertThat(exists("meera")).isTrue();
  }

  @Test
  void unknownUserHasNothing() throws Exception {
    assertThat(exists("ghost")).isFalse();
    assertThat(passwordHash("ghost")).isEmpty();
    assertThat(presence("ghost")).isEmpty();
    assertThat(count()).isZero();
  }

  @Test
  void newUserIsOnlineByChoiceAndNeverSeen() throws Exception {
    insert("priya", "hash", JOINED);

    assertThat(exists("priya")).isTrue();
    assertThat(presence("priya"))
        .hasValue(new StoredPresence("online", null, null));
  }

  @Test
  void lastSeenRoundTrips() throws Exception {
    insert("priya", "hash", JOINED);
    insert("arjun", "hash", JOINED);
    // milliseconds, as presence stores them
    Instant seen = Instant.parse("2026-11-25T18:30:00.123Z");

    store.tx(c -> {
      users.setLastSeen(c, "priya", seen);
      return null;
    });
    assertThat(presence("priya").map(StoredPresence::lastSeen)).hasValue(seen);
    // only that user
    assertThat(presence("arjun").map(StoredPresence::lastSeen)).isEmpty();

    Instant later = seen.plusMillis(61_001);
    store.tx(c -> {
      users.setLastSeen(c, "priya", later);
      return null;
    });
    assertThat(presence("priya").orElseThrow().lastSeen()).isEqualTo(later);

    store.tx(c -> {
      users.setLastSeen(c, "priya", null);
      return null;
    });
    assertThat(presence("priya").orElseThrow().lastSeen()).isNull();
  }

  @Test
  void statusRoundTrips() throws Exception {
    insert("priya", "hash", JOINED);
    insert("arjun", "hash", JOINED);

    store.tx(c -> {
      users.setStatus(c, "priya", "busy", "In a meeting until 4");
      return null;
    });
    assertThat(presence("priya"))
        .hasValue(new StoredPresence("busy", "In a meeting until 4", null));
    assertThat(presence("arjun"))
        .hasValue(new StoredPresence("online", null, null));

    store.tx(c -> {
      users.setStatus(c, "priya", "away", null);
      return null;
    });
    assertThat(presence("priya")).hasValue(new StoredPresence("away", null, null));

    // status and last seen are independent columns
    Instant seen = Instant.parse("2026-11-25T18:30:00.456Z");
    store.tx(c -> {
      users.setLastSeen(c, "priya", seen);
      users.setStatus(c, "priya", "online", null);
      return null;
    });
    assertThat(presence("priya")).hasValue(new StoredPresence("online", null, seen));
  }
}
