package dev.pulse.server.members;

import dev.pulse.server.core.BatchLoader;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.presence.SavedStatus;
import dev.pulse.server.presence.Status;
import dev.pulse.server.store.BlockRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * The real-time paths ask this many times a second (every connect, every REST request), so
 * answers come from a bounded cache, and misses are read in batches shared by everyone asking at
 * the same time ({@link BatchLoader}: one round trip for a burst of connects). Changes made
 * through this class (blocks, status, last seen) are written to the database and to the cached
 * member together; profile fields are not cached, so editing a profile changes nothing here.
 * Members with an open connection are pinned: never evicted, so presence and block changes always
 * work on the same object. Used on the event loop only.
 */
public final class Members {
  /** Members kept in the cache besides the pinned ones; the least recently used go first. */
  static final int CAPACITY = 50_000;
  /** Most members read by one query. */
  static final int LOAD_BATCH = 500;
  /** Queries for members at the same time; further misses wait for one and share the next. */
  static final int LOADS_IN_FLIGHT = 2;

  private final Database db;
  private final UserRepository users;
  private final BlockRepository blocks;
  private final Clock clock;
  private final Map<String, Member> pinned = new HashMap<>();
  // the pinned members someone has blocked: the few whose online count is their own (see PresenceService.counts)
  private final Map<String, Member> pinnedAndBlocked = new HashMap<>();
  private final Map<String, Member> cache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Member> eldest) {
      return size() > CAPACITY;
    }
  };
  // loads in flight; a change made meanwhile removes the entry, so that its stale result is not cached
  private final Map<String, Future<Optional<Member>>> loading = new HashMap<>();
  private final BatchLoader<Member> loader;
  private final List<Consumer<String>> changeListeners = new ArrayList<>(1);
  private final List<Consumer<BlockChange>> blockListeners = new ArrayList<>(2);

  /** A block made ({@code blocking}) or lifted between two members. */
  public record BlockChange(String blocker, String blocked, boolean blocking) {}
  private final List<Consumer<String>> forgetListeners = new ArrayList<>(1);

  public Members(Vertx vertx, Database db, UserRepository users, BlockRepository blocks, Clock clock) {
    this.db = db;
    this.users = users;
    this.blocks = blocks;
    this.clock = clock;
    this.loader = new BatchLoader<>(vertx, this::read, LOAD_BATCH, LOADS_IN_FLIGHT);
  }

  /** Reads the members among {@code usernames} with three queries on one connection. */
  private Future<Map<String, Member>> read(List<String> usernames) {
    return db.run(c -> {
      Map<String, UserRepository.StoredPresence> stored = users.presenceOf(c, usernames);
      Map<String, Set<String>> blocked = blocks.blockedByAll(c, stored.keySet());
      Map<String, Set<String>> blockers = blocks.blockersOfAll(c, stored.keySet());
      Map<String, Member> found = new HashMap<>();
      stored.forEach((username, p) -> found.put(username, new Member(username,
          blocked.getOrDefault(username, new HashSet<>()), blockers.getOrDefault(username, new HashSet<>()),
          SavedStatus.of(p.status(), p.statusText(), p.lastSeen()))));
      return found;
    });
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
    Promise<Optional<Member>> result = Promise.promise();
    Future<Optional<Member>> future = result.future();
    loading.put(username, future);
    loader.load(username).onComplete(ar -> {
      boolean current = loading.remove(username, future);
      if (ar.failed()) {
        result.fail(ar.cause());
        return;
      }
      Member found = ar.result();
      if (found != null) {
        Member raced = loaded(username);
        if (raced != null) {
          found = raced;
        } else if (current) {
          // an unknown name may be registered a moment later: only members that exist are kept
          cache.put(username, found);
        }
      }
      result.complete(Optional.ofNullable(found));
    });
    return future;
  }

  /** The members among {@code usernames} that exist, by name; misses are read together. */
  public Future<Map<String, Member>> findAll(Collection<String> usernames) {
    List<Future<Optional<Member>>> lookups = new ArrayList<>(usernames.size());
    usernames.forEach(username -> lookups.add(find(username)));
    return Future.all(lookups).map(done -> {
      Map<String, Member> found = new HashMap<>();
      lookups.forEach(f -> f.result().ifPresent(m -> found.put(m.username(), m)));
      return found;
    });
  }

  /** The member, or a {@code not_found} failure. */
  public Future<Member> require(String username) {
    return find(username).map(m -> m.orElseThrow(() -> DomainException.notFound("No user '" + username + "'")));
  }

  /** Keeps {@code member} (a user who came online) until {@link #unpin}. */
  public void pin(Member member) {
    pinned.put(member.username(), member);
    cache.remove(member.username());
    reindex(member);
  }

  public void unpin(String username) {
    Member member = pinned.remove(username);
    pinnedAndBlocked.remove(username);
    if (member != null) {
      cache.put(username, member);
    }
  }

  /**
   * The pinned members (those with a connection here) whom someone has blocked. Usually few: kept
   * up to date as blocks change, so that asking costs nothing when nobody is blocked.
   */
  public Collection<Member> pinnedAndBlocked() {
    return pinnedAndBlocked.values();
  }

  private void reindex(Member member) {
    if (pinned.get(member.username()) == member && !member.blockedBy().isEmpty()) {
      pinnedAndBlocked.put(member.username(), member);
    } else {
      pinnedAndBlocked.remove(member.username());
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
        .onSuccess(v -> {
          changed(blocker, m -> m.blocked().add(blocked));
          changed(blocked, m -> m.blockedBy().add(blocker));
          BlockChange change = new BlockChange(blocker, blocked, true);
          blockListeners.forEach(l -> l.accept(change));
        })
        .mapEmpty();
  }

  public Future<Void> unblock(String blocker, String blocked) {
    return db.run(c -> {
      blocks.unblock(c, blocker, blocked);
      return null;
    }).onSuccess(v -> {
      changed(blocker, m -> m.blocked().remove(blocked));
      changed(blocked, m -> m.blockedBy().remove(blocker));
      BlockChange change = new BlockChange(blocker, blocked, false);
      blockListeners.forEach(l -> l.accept(change));
    }).mapEmpty();
  }

  public Future<List<BlockRepository.Block>> blockList(String blocker) {
    return db.run(c -> blocks.blockedBy(c, blocker));
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

  /**
   * Forgets a member whose account was deleted: out of the cache and of everyone's block list
   * held here; the other nodes are told too (their {@link #reload} finds the account gone).
   */
  public void forget(String username) {
    forgetHere(username);
    changeListeners.forEach(l -> l.accept(username));
  }

  private void forgetHere(String username) {
    loading.remove(username);
    cache.remove(username);
    pinned.remove(username);
    // a new account of the same name must not find itself blocked by the old one's blockers
    pinned.values().forEach(m -> m.blocked().remove(username));
    cache.values().forEach(m -> m.blocked().remove(username));
    forgetListeners.forEach(l -> l.accept(username));
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
      reindex(member);
    }
    changeListeners.forEach(l -> l.accept(username));
  }

  /**
   * Runs {@code listener} with the username after each stored change to a member (blocks, made or
   * received; status, last seen): in a cluster, the other nodes are told to {@link #reload} it.
   */
  public void onChange(Consumer<String> listener) {
    changeListeners.add(listener);
  }

  /**
   * Runs {@code listener} with the username when this node forgets a deleted account (deleted
   * here, or found gone on {@link #reload}).
   */
  public void onForget(Consumer<String> listener) {
    forgetListeners.add(listener);
  }

  /**
   * Runs {@code listener} with the pair after each block or unblock made on this node (the other
   * nodes hear of it as a change to both members, through {@link #reload}).
   */
  public void onBlocksChanged(Consumer<BlockChange> listener) {
    blockListeners.add(listener);
  }

  /**
   * Reads a member again if it is loaded here (another node changed it). The member object stays
   * the same, so whoever holds it (presence keeps its block list) sees the change.
   */
  public Future<Void> reload(String username) {
    loading.remove(username);
    if (loaded(username) == null) {
      return Future.succeededFuture();
    }
    return read(List.of(username)).map(fresh -> {
      Member now = fresh.get(username);
      Member member = loaded(username);
      if (now == null) {
        forgetHere(username);
      } else if (member != null) {
        member.blocked().clear();
        member.blocked().addAll(now.blocked());
        member.blockedBy().clear();
        member.blockedBy().addAll(now.blockedBy());
        member.saved(now.saved());
        reindex(member);
      }
      return null;
    });
  }
}
