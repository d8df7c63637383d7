package dev.pulse.server.cluster;

import dev.pulse.socketio.redis.RedisPubSub;
import dev.pulse.server.presence.PresenceLedger;
import dev.pulse.server.presence.PresenceStore;
import dev.pulse.server.presence.PresenceView;
import dev.pulse.server.presence.Status;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is online across the nodes of a cluster, kept in Redis: the cluster's presence ledger and
 * its shared presence record (what others see of each online user). A user is online while any node holds
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
public final class RedisPresence implements PresenceLedger, PresenceStore {
  /** How long a user's shown status stays in Redis after it was last written. */
  static final long VIEW_TTL_MILLIS = 24 * 3_600_000L;
  /**
   * A node whose last heartbeat is older than this is taken for dead: with the heartbeat period,
   * the grace period (3 s) and the sweep (1 s), its users are announced offline within 15 s.
   */
  public static final long NODE_TTL_MILLIS = 8_000;
  /** How often a live node refreshes its heartbeat (and looks for dead ones). */
  public static final long HEARTBEAT_MILLIS = 2_000;

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
  public RedisPresence(RedisPubSub redis, String prefix, String node) {
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

  /** The key of the live nodes (sorted set node -> last heartbeat), for others that count per node. */
  public String nodesKey() {
    return nodes();
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
  @Override
  public Future<Boolean> connected(String user) {
    return eval(CONNECT, List.of(conns(user), online(), grace(), nodeUsers(node)), node, user)
        .map(r -> r.toInteger() == 1);
  }

  /**
   * A socket of {@code user} closed on this node; true when they have no socket left anywhere, in
   * which case their grace period runs until {@code graceDeadline} (epoch ms).
   */
  @Override
  public Future<Boolean> disconnected(String user, long graceDeadline) {
    return eval(DISCONNECT, List.of(conns(user), grace(), nodeUsers(node)), node, user, graceDeadline)
        .map(r -> r.toInteger() == 1);
  }

  /** True for exactly one caller once {@code user}'s grace period is over with no socket back. */
  @Override
  public Future<Boolean> graceOver(String user, long now) {
    return eval(GRACE_OVER, List.of(conns(user), grace(), online()), user, now).map(r -> r.toInteger() == 1);
  }

  /** Users whose grace period ended by {@code now} (their node may be gone), at most {@code limit}. */
  public Future<List<String>> dueGraces(long now, int limit) {
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(grace()).arg("-inf").arg(now)
        .arg("LIMIT").arg(0).arg(limit)).map(RedisPresence::strings);
  }

  /** Marks this node alive at {@code now}. */
  public Future<Void> heartbeat(long now) {
    return redis.send(Request.cmd(Command.ZADD).arg(nodes()).arg(now).arg(node)).mapEmpty();
  }

  /** Nodes whose last heartbeat is older than {@link #NODE_TTL_MILLIS} at {@code now}. */
  public Future<List<String>> deadNodes(long now) {
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(nodes()).arg("-inf").arg(now - NODE_TTL_MILLIS))
        .map(RedisPresence::strings);
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
  @Override
  public Future<Integer> count() {
    return redis.send(Request.cmd(Command.SCARD).arg(online())).map(Response::toInteger);
  }

  /** Every online user's name. */
  public Future<List<String>> onlineNames() {
    return redis.send(Request.cmd(Command.SMEMBERS).arg(online())).map(RedisPresence::strings);
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

  // ---- the shared record: what others see of each online user ----

  private String view(String user) {
    return prefix + "view:" + user;
  }

  /** Sets what others see of the user (whose sockets the ledger counts). */
  @Override
  public Future<Void> add(String connectionId, PresenceView view) {
    return writeView(view);
  }

  /** Nothing to do: the ledger counts sockets, and a view is read only while its user is online. */
  @Override
  public Future<Void> remove(String username, String connectionId) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> update(PresenceView view) {
    return writeView(view);
  }

  private Future<Void> writeView(PresenceView v) {
    return redis.batch(List.of(
        Request.cmd(Command.HSET).arg(view(v.username())).arg("status").arg(v.status().wire())
            .arg("text").arg(v.statusText() == null ? "" : v.statusText())
            .arg("lastSeen").arg(v.lastSeen() == null ? "" : v.lastSeen().toString()),
        Request.cmd(Command.PEXPIRE).arg(view(v.username())).arg(VIEW_TTL_MILLIS))).mapEmpty();
  }

  @Override
  public Future<Map<String, PresenceView>> get(Collection<String> usernames) {
    return online(usernames).compose(this::views);
  }

  @Override
  public Future<List<PresenceView>> list() {
    return onlineNames().compose(names -> views(names)).map(views -> new ArrayList<>(views.values()));
  }

  private Future<Map<String, PresenceView>> views(Collection<String> names) {
    if (names.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<String> ordered = new ArrayList<>(names);
    List<Request> reads = new ArrayList<>(ordered.size());
    ordered.forEach(n -> reads.add(Request.cmd(Command.HGETALL).arg(view(n))));
    return redis.batch(reads).map(replies -> {
      Map<String, PresenceView> views = new HashMap<>();
      for (int i = 0; i < ordered.size(); i++) {
        Response h = replies.get(i);
        String status = field(h, "status");
        Status shown = status == null ? Status.ONLINE : Status.chosen(status);
        String text = field(h, "text");
        String lastSeen = field(h, "lastSeen");
        views.put(ordered.get(i), new PresenceView(ordered.get(i), shown == null ? Status.ONLINE : shown,
            text == null || text.isEmpty() ? null : text,
            lastSeen == null || lastSeen.isEmpty() ? null : Instant.parse(lastSeen)));
      }
      return views;
    });
  }

  private static String field(Response hash, String name) {
    if (hash == null || !hash.containsKey(name)) {
      return null;
    }
    Response value = hash.get(name);
    return value == null ? null : value.toString();
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
