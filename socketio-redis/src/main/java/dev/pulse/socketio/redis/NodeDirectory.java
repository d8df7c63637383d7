package dev.pulse.socketio.redis;

import dev.pulse.socketio.engineio.SessionIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where each node of a cluster can be reached, kept in Redis: a key per node ({@code
 * <prefix>:node:<tag>} = {@code host:port}) that the node refreshes every {@link #REFRESH_MILLIS}
 * and that expires {@link #TTL_MILLIS} after the last refresh, so a dead node drops out by itself.
 * The tag is short and random per start; session ids made by {@link #sessionIds()} carry it, so any
 * node can tell which one holds a session.
 */
public final class NodeDirectory {
  static final long TTL_MILLIS = 15_000;
  static final long REFRESH_MILLIS = 5_000;
  private static final String TAG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final char SEPARATOR = '.';

  private final Vertx vertx;
  private final Redis redis;
  private final String prefix;
  private final String tag;
  private String address;
  private final Map<String, String> known = new ConcurrentHashMap<>();
  private long refresher = -1;

  public NodeDirectory(Vertx vertx, Redis redis, String prefix) {
    this.vertx = vertx;
    this.redis = redis;
    this.prefix = prefix;
    this.tag = randomTag();
  }

  private static String randomTag() {
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      b.append(TAG_ALPHABET.charAt(random.nextInt(TAG_ALPHABET.length())));
    }
    return b.toString();
  }

  public String tag() {
    return tag;
  }

  /** Session ids of this node: its tag, a dot, then the usual 20 random characters. */
  public Supplier<String> sessionIds() {
    return () -> tag + SEPARATOR + SessionIds.next();
  }

  /** The node tag a session id names, or null for an id made without one. */
  public static String tagOf(String sessionId) {
    int dot = sessionId.indexOf(SEPARATOR);
    return dot <= 0 ? null : sessionId.substring(0, dot);
  }

  /**
   * Registers this node as reachable at {@code address} ({@code host:port}) and keeps its entry
   * fresh until {@link #stop}.
   */
  public Future<Void> start(String address) {
    this.address = address;
    refresher = vertx.setPeriodic(REFRESH_MILLIS, id -> register());
    return register();
  }

  private Future<Void> register() {
    return redis.send(Request.cmd(Command.SET).arg(key(tag)).arg(address).arg("PX").arg(TTL_MILLIS))
        .mapEmpty();
  }

  /** Where the node with {@code tag} listens, or null when no live node has it. */
  public Future<String> address(String nodeTag) {
    String cached = known.get(nodeTag);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return redis.send(Request.cmd(Command.GET).arg(key(nodeTag))).map(r -> {
      String found = r == null ? null : r.toString();
      if (found != null) {
        known.put(nodeTag, found);
      }
      return found;
    });
  }

  /** Forgets a node's cached address (it stopped answering there). */
  public void forget(String nodeTag) {
    known.remove(nodeTag);
  }

  /** Removes this node's entry. */
  public Future<Void> stop() {
    if (refresher >= 0) {
      vertx.cancelTimer(refresher);
    }
    return redis.send(Request.cmd(Command.DEL).arg(key(tag))).mapEmpty();
  }

  private String key(String nodeTag) {
    return prefix + ":node:" + nodeTag;
  }
}
