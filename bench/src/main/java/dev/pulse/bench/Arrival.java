package dev.pulse.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A client arriving in the online and idle scenarios: counts the {@code user_online} it hears,
 * and with a watch list connects with {@code auth.watch} (hearing no one until its list is in),
 * sends {@code presence_watch} right after connecting and keeps track of
 * which watched users it knows to be online (from the answer, then from {@code user_online}).
 * After the answer it must hear no one else's arrival. Event loop only.
 */
final class Arrival implements BenchClient.Listener {
  static final byte[] USER_ONLINE = Frame.ascii("\"user_online\"");
  private static final byte[] USERNAME = Frame.ascii("\"username\":");

  /** What all arriving clients share. Event loop only. */
  static final class Stats {
    long userOnline; // about other users
    long userOnlineSelf; // about the receiving user itself
    long lastUserOnlineAt;
    long unwatched; // about users not watched, after the watch list was answered
    long lostConnections;
    final Map<String, Long> watchErrors = new TreeMap<>();
  }

  private final Stats stats;
  private final byte[] self;
  private final List<String> watchedNames; // empty: hears everyone
  private final Set<String> watched;
  private final Set<String> knownOnline = new HashSet<>();
  private int watchAckId = Frame.NO_ACK;
  long watchAnsweredAt;
  long allKnownAt;

  Arrival(Stats stats, String username, List<String> watchedNames) {
    this.stats = stats;
    this.self = Frame.ascii("\"username\":\"" + username + "\"");
    this.watchedNames = watchedNames;
    this.watched = new HashSet<>(watchedNames);
  }

  /** Client {@code i}'s arrival, watching the next {@code watch} users of {@code names}. */
  static Arrival of(Stats stats, List<String> names, int i, int watch) {
    List<String> list = new ArrayList<>(watch);
    WatchList.watched(i, names.size(), watch).forEach(k -> list.add(names.get(k)));
    return new Arrival(stats, names.get(i), list);
  }

  boolean watching() {
    return !watched.isEmpty();
  }

  /** Every watched user is known to be online (trivially true without a watch list). */
  boolean knowsAll() {
    return knownOnline.size() == watched.size();
  }

  @Override
  public boolean watchesOnConnect() {
    return watching();
  }

  @Override
  public void onConnected(BenchClient c) {
    if (watching()) {
      watchAckId = c.nextAckId();
      c.reply(WatchList.frame(watchAckId, watchedNames));
    }
  }

  @Override
  public void onAck(BenchClient c, Frame f) {
    if (f.ackId() != watchAckId) {
      return;
    }
    Set<String> online = WatchList.onlineIn(f);
    if (online == null) {
      stats.watchErrors.merge(WatchList.error(f), 1L, Long::sum);
      return;
    }
    watchAnsweredAt = System.nanoTime();
    online.stream().filter(watched::contains).forEach(this::known);
  }

  @Override
  public void onEvent(BenchClient c, Frame f) {
    if (!f.isEvent(USER_ONLINE)) {
      return;
    }
    if (f.contains(self)) {
      stats.userOnlineSelf++;
      return;
    }
    stats.userOnline++;
    stats.lastUserOnlineAt = System.nanoTime();
    if (watching()) {
      String name = f.stringField(USERNAME);
      if (watched.contains(name)) {
        known(name);
      } else if (watchAnsweredAt != 0) {
        stats.unwatched++;
      }
    }
  }

  private void known(String name) {
    if (knownOnline.add(name) && knowsAll()) {
      allKnownAt = System.nanoTime();
    }
  }

  @Override
  public void onLost(BenchClient c) {
    stats.lostConnections++;
  }
}
