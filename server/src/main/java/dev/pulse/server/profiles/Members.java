package dev.pulse.server.profiles;

import dev.pulse.server.api.ApiException;
import dev.pulse.server.store.BlockRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.UserRepository;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the real-time paths ask about a member many times a second: do they exist, and whom have
 * they blocked. Answers come from a bounded cache kept current by {@link #block} / {@link #unblock}
 * on this node. Used on the event loop only.
 */
public final class Members {
  /** A member and the users they have blocked. */
  public record Member(String username, Set<String> blocked) {
    public boolean hasBlocked(String other) {
      return blocked.contains(other);
    }
  }

  private static final int CAPACITY = 50_000;

  // members with an open connection stay here whatever the cache evicts, so that presence and
  // block changes always work on the same object
  private final Map<String, Member> pinned = new HashMap<>();
  private final Database db;
  private final UserRepository users;
  private final BlockRepository blocks;
  private final Clock clock;
  private final Map<String, Future<Optional<Member>>> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Future<Optional<Member>>> eldest) {
          return size() > CAPACITY;
        }
      };

  public Members(Database db, UserRepository users, BlockRepository blocks, Clock clock) {
    this.db = db;
    this.users = users;
    this.blocks = blocks;
    this.clock = clock;
  }

  /** The member, or empty when no such user exists. */
  public Future<Optional<Member>> find(String username) {
    Member online = pinned.get(username);
    if (online != null) {
      return Future.succeededFuture(Optional.of(online));
    }
    Future<Optional<Member>> cached = cache.get(username);
    if (cached != null && !cached.failed()) {
      return cached;
    }
    Future<Optional<Member>> loading = db.run(c -> {
      if (!users.exists(c, username)) {
        return Optional.<Member>empty();
      }
      Set<String> blocked = new HashSet<>();
      for (BlockRepository.Block b : blocks.blockedBy(c, username)) {
        blocked.add(b.username());
      }
      return Optional.of(new Member(username, blocked));
    });
    cache.put(username, loading);
    // an unknown name may be registered a moment later: remember only members that exist
    loading.onSuccess(m -> {
      if (m.isEmpty()) {
        cache.remove(username, loading);
      }
    });
    return loading;
  }

  /** Keeps {@code member} (a user who came online) until {@link #unpin}. */
  public void pin(Member member) {
    pinned.put(member.username(), member);
  }

  public void unpin(String username) {
    pinned.remove(username);
  }

  /** The member, or a {@code not_found} failure. */
  public Future<Member> require(String username) {
    return find(username).map(m -> m.orElseThrow(() -> ApiException.notFound("No user '" + username + "'")));
  }

  /** True when {@code blocker} has blocked {@code other}. */
  public Future<Boolean> hasBlocked(String blocker, String other) {
    return find(blocker).map(m -> m.map(member -> member.hasBlocked(other)).orElse(false));
  }

  public Future<Void> block(String blocker, String blocked) {
    if (blocker.equals(blocked)) {
      return Future.failedFuture(ApiException.badRequest("You cannot block yourself"));
    }
    return require(blocked)
        .compose(target -> db.run(c -> {
          blocks.block(c, blocker, blocked, clock.instant());
          return null;
        }))
        .onSuccess(v -> loaded(blocker).forEach(m -> m.blocked().add(blocked)))
        .mapEmpty();
  }

  public Future<Void> unblock(String blocker, String blocked) {
    return db.run(c -> {
      blocks.unblock(c, blocker, blocked);
      return null;
    }).onSuccess(v -> loaded(blocker).forEach(m -> m.blocked().remove(blocked))).mapEmpty();
  }

  public Future<List<BlockRepository.Block>> blockList(String blocker) {
    return db.run(c -> blocks.blockedBy(c, blocker));
  }

  /** Users who have blocked {@code username} (from the database: for REST views). */
  public Future<Set<String>> blockersOf(String username) {
    return db.run(c -> blocks.blockersOf(c, username));
  }

  /** Every loaded copy of the member: the pinned one and the cached one (they may differ). */
  private List<Member> loaded(String username) {
    List<Member> copies = new ArrayList<>(2);
    Member online = pinned.get(username);
    if (online != null) {
      copies.add(online);
    }
    Future<Optional<Member>> f = cache.get(username);
    if (f != null && !f.isComplete()) {
      // a load in flight may have read the table before this change: make the next ask reload
      cache.remove(username);
    } else if (f != null && f.succeeded() && f.result().isPresent() && f.result().get() != online) {
      copies.add(f.result().get());
    }
    return copies;
  }
}
