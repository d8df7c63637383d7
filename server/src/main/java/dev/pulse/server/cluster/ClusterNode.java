package dev.pulse.server.cluster;

import dev.pulse.server.auth.Sessions;
import dev.pulse.server.config.Config;
import dev.pulse.server.members.Members;
import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.redis.NodeDirectory;
import dev.pulse.socketio.redis.RedisAdapter;
import dev.pulse.socketio.redis.RedisAdapterOptions;
import dev.pulse.socketio.redis.RedisPubSub;
import dev.pulse.socketio.redis.SessionForwarder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in a cluster (set up when {@code REDIS_URL} is set): its link to Redis, the
 * Socket.IO adapter that carries room broadcasts and acks to the other nodes, its entry in the
 * node directory, and the forwarding of requests for sessions that live on another node.
 */
public final class ClusterNode {
  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
  private final Config config;
  private final RedisPubSub redis;
  private final NodeDirectory directory;
  private SessionForwarder forwarder;

  private ClusterNode(Config config, RedisPubSub redis, NodeDirectory directory) {
    this.config = config;
    this.redis = redis;
    this.directory = directory;
  }

  /** Connects to Redis from {@code context}, the event loop the server runs on. */
  public static ClusterNode create(Vertx vertx, Context context, Config config) {
    RedisPubSub redis = RedisPubSub.create(vertx, context, config.redisUrl());
    return new ClusterNode(config, redis, new NodeDirectory(vertx, redis.commands(), config.redisPrefix()));
  }

  /** Makes the Socket.IO server a member of the cluster: its adapter and its session ids. */
  public void configure(Vertx vertx, SocketIoOptions options) {
    options.adapterFactory(RedisAdapter.factory(redis,
        new RedisAdapterOptions().channelPrefix(config.redisPrefix() + "-io")));
    options.engine().sessionIds(directory.sessionIds());
    forwarder = new SessionForwarder(vertx, options.path(), directory);
  }

  /** True when the request belongs to another node's session and was sent there. */
  public boolean forward(HttpServerRequest request) {
    return forwarder.forward(request);
  }

  /** Tells the other nodes where this one listens, once it does. */
  public Future<Void> register(int port) {
    String address = config.nodeAddress() != null ? config.nodeAddress() : "127.0.0.1:" + port;
    return directory.start(address);
  }

  /**
   * Makes a change to a member stored on one node (a block, a status) take effect on every node:
   * the others read that member again if they hold it.
   */
  public void shareChanges(Members members) {
    String channel = config.redisPrefix() + ":member-changes";
    redis.subscribe(channel, message -> {
      String[] fromAndUser = message.toString().split("\n", 2);
      if (fromAndUser.length == 2 && !fromAndUser[0].equals(nodeTag())) {
        members.reload(fromAndUser[1]);
      }
    });
    members.onChange(username -> redis.publish(channel, Buffer.buffer(nodeTag() + "\n" + username))
        .onFailure(e -> log.warn("could not tell the other nodes that {} changed: {}", username, e.getMessage())));
  }

  /**
   * Makes the end of a sign-in session (logout, a password change, a deleted account) known to
   * every node at once: each drops it from its cache and closes its connections. Ids travel one
   * per line after the sending node's tag.
   */
  public void shareSessionEnds(Sessions sessions) {
    String channel = config.redisPrefix() + ":session-ends";
    redis.subscribe(channel, message -> {
      String[] lines = message.toString().split("\n");
      if (lines.length > 1 && !lines[0].equals(nodeTag())) {
        sessions.endedElsewhere(Set.of(Arrays.copyOfRange(lines, 1, lines.length)));
      }
    });
    sessions.shareEndsWith(ids -> redis.publish(channel, Buffer.buffer(nodeTag() + "\n" + String.join("\n", ids)))
        .onFailure(e -> log.warn("could not tell the other nodes that {} sessions ended: {}", ids.size(), e.getMessage())),
        redis::connected);
  }

  /** This node's tag in the cluster (random per start). */
  public String nodeTag() {
    return directory.tag();
  }

  /** This node's link; what else is shared in Redis goes through it. */
  public RedisPubSub redis() {
    return redis;
  }

  /** True while the link to Redis is up (messages to other nodes flow). */
  public boolean linkUp() {
    return redis.connected();
  }

  public Future<Void> close() {
    return directory.stop().eventually(redis::close);
  }
}
