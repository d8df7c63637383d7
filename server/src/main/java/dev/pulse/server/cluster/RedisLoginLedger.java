package dev.pulse.server.cluster;

import dev.pulse.server.auth.LoginLedger;
import dev.pulse.socketio.redis.RedisPubSub;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Failed logins in Redis, so that spreading guesses over the nodes buys nothing: one hash per key
 * ({@code n}, {@code last}) that expires a window after its last failure.
 */
public final class RedisLoginLedger implements LoginLedger {
  private static final String FAIL = LuaScripts.load("login_fail");

  private final RedisPubSub redis;
  private final String prefix;

  public RedisLoginLedger(RedisPubSub redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix + ":login:";
  }

  @Override
  public Future<Failures[]> read(String... keys) {
    List<Future<Response>> replies = new ArrayList<>();
    for (String key : keys) {
      replies.add(redis.send(Request.cmd(Command.HMGET).arg(prefix + key).arg("n").arg("last")));
    }
    return Future.all(replies).map(all -> {
      Failures[] found = new Failures[keys.length];
      for (int i = 0; i < keys.length; i++) {
        Response r = all.resultAt(i);
        Response n = r == null || r.size() < 2 ? null : r.get(0);
        found[i] = n == null ? NONE : new Failures(n.toInteger(), r.get(1) == null ? 0 : r.get(1).toLong());
      }
      return found;
    });
  }

  @Override
  public Future<Void> failed(long nowMillis, long windowMillis, String... keys) {
    Request eval = Request.cmd(Command.EVAL).arg(FAIL).arg(keys.length);
    for (String key : keys) {
      eval.arg(prefix + key);
    }
    return redis.send(eval.arg(nowMillis).arg(windowMillis)).mapEmpty();
  }

  @Override
  public Future<Void> clear(String key) {
    return redis.send(Request.cmd(Command.DEL).arg(prefix + key)).mapEmpty();
  }
}
