package dev.pulse.server.cluster;

import dev.pulse.server.realtime.SocketSlots;
import dev.pulse.socketio.redis.RedisPubSub;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sockets per user across the cluster: a hash per user ({@code sockets:<user>}, node -> open
 * sockets) changed by atomic scripts. A node that died is dropped from a user's count by the next
 * claim, once the presence heartbeats have reaped it from {@code nodes} ({@link RedisPresence}).
 */
public final class RedisSocketSlots implements SocketSlots {
  private static final Logger log = LoggerFactory.getLogger(RedisSocketSlots.class);
  private static final String CLAIM = LuaScripts.load("socket_claim");
  private static final String RELEASE = LuaScripts.load("socket_release");

  private final RedisPubSub redis;
  private final String prefix;
  private final String nodesKey;
  private final String node;

  /** {@code nodesKey}: where the live nodes are ({@link RedisPresence#nodesKey}). */
  public RedisSocketSlots(RedisPubSub redis, String prefix, String nodesKey, String node) {
    this.redis = redis;
    this.prefix = prefix + ":";
    this.nodesKey = nodesKey;
    this.node = node;
  }

  @Override
  public Future<Boolean> claim(String user, int max) {
    return redis.send(Request.cmd(Command.EVAL).arg(CLAIM).arg(2).arg(prefix + "sockets:" + user)
        .arg(nodesKey).arg(node).arg(max)).map(r -> r.toInteger() == 1);
  }

  @Override
  public void release(String user) {
    redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(prefix + "sockets:" + user).arg(node))
        .onFailure(e -> log.warn("could not give back a socket slot of {}: {}", user, e.toString()));
  }
}
