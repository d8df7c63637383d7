package dev.pulse.server.cluster;

import dev.pulse.socketio.redis.RedisPubSub;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is online across the nodes of a cluster, kept in Redis. A user is online while any node holds
 * a socket of theirs, and through the grace period after their last one closed anywhere. Every
 * change others must hear of is decided by one atomic script, so exactly one node announces it:
 * the first socket anywhere ({@link #connected} answers true), and the end of a grace period with
 * no socket back ({@link #graceOver} answers true to one caller). A reload that lands on another
 * node inside the grace period changes nothing anyone sees.
 *
 * <p>Keys, under the prefix: {@code conns:<user>} (hash node -> open sockets), {@code online} (set
 * of online users: the count is its size, exact at any instant), {@code grace} (sorted set user ->
 * deadline), {@code node-users:<node>} (users with sockets on a node) and {@code nodes} (sorted set
 * node -> last heartbeat). A node that stops sending heartbeats for {@link #NODE_TTL_MILLIS} is
 * reaped by whichever node notices first: its users lose its sockets and, with none elsewhere,
 * enter the grace period. The scripts touch keys they compute, so they need a single Redis (or a
 * primary with replicas), not Redis Cluster.
 */
public final class RedisPresenceLedger {
  /** A node whose last heartbeat is older than this is taken for dead. */
  public static final long NODE_TTL_MILLIS = 15_000;
  /** How often a live node refreshes its heartbeat. */
  public static final long HEARTBEAT_MILLIS = 5_000;

  private static final String CONNECT = LuaScripts.load("connect");
  private static final String DISCONNECT = LuaScripts.load("disconnect");
  private static final String GRACE_OVER = LuaScripts.load("grace_over");
  private static final String REAP_NODE = LuaScripts.load("reap_node");

  private final RedisPubSub redis;
  private final String prefix;
  private final String node;

  /**
   * @param redis this node's link; the ledger's commands share its one ordered connection, so a
   *     socket's close can never overtake its open in Redis
   */
  public RedisPresenceLedger(RedisPubSub redis, String prefix, String node) {
    this.redis = redis;
    this.prefix = prefix + ":";
    this.node = node;
  }

  public String node() {
    return node;
  }

  private String conns(String user) {
    return prefix + "conns:" + user;
  }

  private String online() {
    return prefix + "online";
  }

  private String grace() {
    return prefix + "grace";
  }

  private String nodeUsers(String of) {
    return prefix + "node-users:" + of;
  }

  private String nodes() {
    return prefix + "nodes";
  }

  private Future<Response> eval(String script, List<String> keys, Object... args) {
    Request request = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
    keys.forEach(request::arg);
    for (Object arg : args) {
      request.arg(String.valueOf(arg));
    }
    return redis.send(request);
  }

  /** A socket of {@code user} opened on this node; true when they were offline everywhere. */
  public Future<Boolean> connected(String user) {
    return eval(CONNECT, List.of(conns(user), online(), grace(), nodeUsers(node)), node, user)
        .map(r -> r.toInteger() == 1);
  }

  /**
   * A socket of {@code user} closed on this node; true when they have no socket left anywhere, in
   * which case their grace period runs until {@code graceDeadline} (epoch ms).
   */
  public Future<Boolean> disconnected(String user, long graceDeadline) {
    return eval(DISCONNECT, List.of(conns(user), grace(), nodeUsers(node)), node, user, graceDeadline)
        .map(r -> r.toInteger() == 1);
  }

  /** True for exactly one caller once {@code user}'s grace period is over with no socket back. */
  public Future<Boolean> graceOver(String user, long now) {
    return eval(GRACE_OVER, List.of(conns(user), grace(), online()), user, now).map(r -> r.toInteger() == 1);
  }

  /** Users whose grace period ended by {@code now} (their node may be gone), at most {@code limit}. */
  public Future<List<String>> dueGraces(long now, int limit) {
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(grace()).arg("-inf").arg(now)
        .arg("LIMIT").arg(0).arg(limit)).map(RedisPresenceLedger::strings);
  }

  /** Marks this node alive at {@code now}. */
  public Future<Void> heartbeat(long now) {
    return redis.send(Request.cmd(Command.ZADD).arg(nodes()).arg(now).arg(node)).mapEmpty();
  }

  /** Nodes whose last heartbeat is older than {@link #NODE_TTL_MILLIS} at {@code now}. */
  public Future<List<String>> deadNodes(long now) {
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(nodes()).arg("-inf").arg(now - NODE_TTL_MILLIS))
        .map(RedisPresenceLedger::strings);
  }

  /**
   * Takes a dead node's sockets away; its users with no socket elsewhere enter a grace period
   * ending at {@code graceDeadline}. Returns how many users it held (0 if already reaped).
   */
  public Future<Integer> reap(String deadNode, long graceDeadline) {
    return eval(REAP_NODE, List.of(nodes(), nodeUsers(deadNode)), deadNode, graceDeadline, prefix + "conns:",
        grace()).map(Response::toInteger);
  }

  /** How many users are online anywhere. */
  public Future<Integer> count() {
    return redis.send(Request.cmd(Command.SCARD).arg(online())).map(Response::toInteger);
  }

  /** Every online user. */
  public Future<List<String>> list() {
    return redis.send(Request.cmd(Command.SMEMBERS).arg(online())).map(RedisPresenceLedger::strings);
  }

  /** Which of {@code users} are online. */
  public Future<Set<String>> online(Collection<String> users) {
    if (users.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    List<String> asked = new ArrayList<>(users);
    Request request = Request.cmd(Command.SMISMEMBER).arg(online());
    asked.forEach(request::arg);
    return redis.send(request).map(r -> {
      Set<String> found = new HashSet<>();
      for (int i = 0; i < asked.size(); i++) {
        if (r.get(i).toInteger() == 1) {
          found.add(asked.get(i));
        }
      }
      return found;
    });
  }

  /**
   * Writes this node's part back after Redis lost its data (a restart): its users' socket counts,
   * and the grace deadlines of its users whose last socket closed here.
   */
  public Future<Void> restore(Map<String, Integer> sockets, Map<String, Long> graces, long now) {
    List<Request> batch = new ArrayList<>();
    batch.add(Request.cmd(Command.ZADD).arg(nodes()).arg(now).arg(node));
    sockets.forEach((user, count) -> {
      batch.add(Request.cmd(Command.HSET).arg(conns(user)).arg(node).arg(count));
      batch.add(Request.cmd(Command.SADD).arg(nodeUsers(node)).arg(user));
      batch.add(Request.cmd(Command.SADD).arg(online()).arg(user));
    });
    graces.forEach((user, deadline) -> {
      batch.add(Request.cmd(Command.ZADD).arg(grace()).arg("NX").arg(deadline).arg(user));
      batch.add(Request.cmd(Command.SADD).arg(online()).arg(user));
    });
    return redis.batch(batch).mapEmpty();
  }

  private static List<String> strings(Response r) {
    List<String> list = new ArrayList<>(r == null ? 0 : r.size());
    if (r != null) {
      for (Response item : r) {
        list.add(item.toString());
      }
    }
    return list;
  }
}
