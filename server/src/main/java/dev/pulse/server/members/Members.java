package dev.pulse.server.members;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.presence.SavedStatus;
import dev.pulse.server.presence.Status;
import dev.pulse.server.store.BlockRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.UserRepository;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The directory of members: does a user exist, whom have they blocked, and their stored presence.
 * The real-time paths ask this many times a second, so answers come from a bounded cache; changes
 * made through this class (blocks, status, last seen) are written to the database and to the
 * cached member together. Members with an open connection are pinned: never evicted, so presence
 * and block changes always work on the same object. Used on the event loop only.
 */
public final class Members {
  /** Members kept in the cache besides the pinned ones; the least recently used go first. */
  static final int CAPACITY = 50_000;

  private final Database db;
  private final UserRepository users;
  private final BlockRepository blocks;
  private final Clock clock;
  private final Map<String, Member> pinned = new HashMap<>();
  private final Map<String, Member> cache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Member> eldest) {
      return size() > CAPACITY;
    }
  };
  // loads in flight; a change made meanwhile removes the entry, so that its stale result is not cached
  private final Map<String, Future<Optional<Member>>> loading = new HashMap<>();

  public Members(Database db, UserRepository users, BlockRepository blocks, Clock clock) {
    this.db = db;
    this.users = users;
    this.blocks = blocks;
    this.clock = clock;
  }

  /** The member, or empty when no such user exists. */
  public Future<Optional<Member>> find(String username) {
    Member known = loaded(username);
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    Future<Optional<Member>> inFlight = loading.get(username);
    if (inFlight != null) {
      return inFlight;
    }
    Future<Optional<Member>> load = db.run(c -> {
      var stored = users.presence(c, username);
      if (stored.isEmpty()) {
        return Optional.<Member>empty();
      }
      Set<String> blocked = new HashSet<>();
      for (BlockRepository.Block b : blocks.blockedBy(c, username)) {
        blocked.add(b.username());
      }
      var p = stored.get();
      return Optional.of(new Member(username, blocked, SavedStatus.of(p.status(), p.statusText(), p.lastSeen())));
    });
    loading.put(username, load);
    return load.map(found -> {
      if (loading.remove(username, load) && found.isPresent()) {
        // an unknown name may be registered a moment later: remember only members that exist
        Member raced = loaded(username);
        if (raced != null) {
          return Optional.of(raced);
        }
        cache.put(username, found.get());
      }
      return found;
    }).onFailure(err -> loading.remove(username, load));
  }

  /** The member, or a {@code not_found} failure. */
  public Future<Member> require(String username) {
    return find(username).map(m -> m.orElseThrow(() -> DomainException.notFound("No user '" + username + "'")));
  }

  /** Keeps {@code member} (a user who came online) until {@link #unpin}. */
  public void pin(Member member) {
    pinned.put(member.username(), member);
    cache.remove(member.username());
  }

  public void unpin(String username) {
    Member member = pinned.remove(username);
    if (member != null) {
      cache.put(username, member);
    }
  }

  /** True when {@code blocker} has blocked {@code other}. */
  public Future<Boolean> hasBlocked(String blocker, String other) {
    return find(blocker).map(m -> m.map(member -> member.hasBlocked(other)).orElse(false));
  }

  public Future<Void> block(String blocker, String blocked) {
    if (blocker.equals(blocked)) {
      return Future.failedFuture(DomainException.invalid("You cannot block yourself"));
    }
    return require(blocked)
        .compose(target -> db.run(c -> {
          blocks.block(c, blocker, blocked, clock.instant());
          return null;
        }))
        .onSuccess(v -> changed(blocker, m -> m.blocked().add(blocked)))
        .mapEmpty();
  }

  public Future<Void> unblock(String blocker, String blocked) {
    return db.run(c -> {
      blocks.unblock(c, blocker, blocked);
      return null;
    }).onSuccess(v -> changed(blocker, m -> m.blocked().remove(blocked))).mapEmpty();
  }

  public Future<List<BlockRepository.Block>> blockList(String blocker) {
    return db.run(c -> blocks.blockedBy(c, blocker));
  }

  /** Users who have blocked {@code username}, from the database. */
  public Future<Set<String>> blockersOf(String username) {
    return db.run(c -> blocks.blockersOf(c, username));
  }

  /** Stores the status a member chose (the text goes with away and busy only). */
  public Future<Void> saveStatus(String username, Status status, String text) {
    return db.run(c -> {
      users.setStatus(c, username, status.wire(), text);
      return null;
    }).onSuccess(v -> changed(username, m -> m.saved(new SavedStatus(status, text, m.saved().lastSeen())))).mapEmpty();
  }

  /** Stores when a member was last seen (their last connection closed). */
  public Future<Void> saveLastSeen(String username, Instant lastSeen) {
    return db.run(c -> {
      users.setLastSeen(c, username, lastSeen);
      return null;
    }).onSuccess(v -> changed(username, m -> {
      SavedStatus s = m.saved();
      m.saved(new SavedStatus(s.chosen(), s.text(), lastSeen));
    })).mapEmpty();
  }

  private Member loaded(String username) {
    Member member = pinned.get(username);
    return member != null ? member : cache.get(username);
  }

  /** Applies a change that is stored to the loaded member, if any; a load in flight is not cached. */
  private void changed(String username, Consumer<Member> change) {
    loading.remove(username);
    Member member = loaded(username);
    if (member != null) {
      change.accept(member);
    }
  }
}
