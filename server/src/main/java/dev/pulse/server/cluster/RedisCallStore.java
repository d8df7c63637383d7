package dev.pulse.server.cluster;

import dev.pulse.server.calls.Call;
import dev.pulse.server.calls.CallKind;
import dev.pulse.server.calls.CallStore;
import dev.pulse.server.calls.Reason;
import dev.pulse.socketio.redis.RedisPubSub;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's live calls, in Redis, so that the caller's node and the callee's see and change
 * the same call. Keys, under the prefix: {@code call:<id>} (hash: {@code v} the version,
 * {@code data} the call as JSON), {@code user:<name>} (the id of the user's call) and
 * {@code due} (sorted set: call id by deadline). Each change is one atomic script that compares
 * the version first, so one of two racing nodes wins and the other learns it lost.
 *
 * <p>Every key lives at most {@link #KEY_TTL_MILLIS}: should every node of a cluster stop at once
 * (nobody is left to end their calls), the users are free to call again after that at the latest.
 */
public final class RedisCallStore implements CallStore {
  /** Longest a call's keys outlive the last change to it. */
  static final long KEY_TTL_MILLIS = 12 * 3_600_000L;

  private static final String OPEN = LuaScripts.load("call_open");
  private static final String REPLACE = LuaScripts.load("call_replace");
  private static final String REMOVE = LuaScripts.load("call_remove");
  private static final String OF_USER = LuaScripts.load("call_of_user");
  private static final String DUE = LuaScripts.load("call_due");

  private final RedisPubSub redis;
  private final String prefix;

  public RedisCallStore(RedisPubSub redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix + ":calls:";
  }

  private String call(String id) {
    return prefix + "call:" + id;
  }

  private String user(String username) {
    return prefix + "user:" + username;
  }

  private String due() {
    return prefix + "due";
  }

  @Override
  public Future<Opened> open(Call c) {
    return eval(OPEN, List.of(call(c.id()), user(c.caller()), user(c.callee()), due()),
        c.id(), encode(c), c.deadline(), KEY_TTL_MILLIS)
        .map(r -> switch (r.toInteger()) {
          case 0 -> Opened.OPENED;
          case 1 -> Opened.CALLER_BUSY;
          default -> Opened.CALLEE_BUSY;
        });
  }

  @Override
  public Future<Call> get(String callId) {
    return redis.send(Request.cmd(Command.HMGET).arg(call(callId)).arg("v").arg("data")).map(RedisCallStore::decode);
  }

  @Override
  public Future<Call> ofUser(String username) {
    return eval(OF_USER, List.of(user(username)), prefix + "call:").map(RedisCallStore::decode);
  }

  @Override
  public Future<Boolean> replace(Call current, Call next) {
    return eval(REPLACE, List.of(call(current.id()), due()), current.version(), encode(next), next.deadline(),
        current.id()).map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<Boolean> remove(Call current) {
    return eval(REMOVE, List.of(call(current.id()), user(current.caller()), user(current.callee()), due()),
        current.version(), current.id()).map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<List<Call>> due(long nowMillis, int limit) {
    return eval(DUE, List.of(due()), nowMillis, prefix + "call:", limit).map(r -> {
      List<Call> calls = new ArrayList<>();
      for (int i = 0; r != null && i + 1 < r.size(); i += 2) {
        calls.add(decode(Long.parseLong(r.get(i).toString()), r.get(i + 1).toString()));
      }
      return calls;
    });
  }

  private Future<Response> eval(String script, List<String> keys, Object... args) {
    Request request = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
    keys.forEach(request::arg);
    for (Object arg : args) {
      request.arg(String.valueOf(arg));
    }
    return redis.send(request);
  }

  /** A call as stored; its version is kept beside it. */
  static String encode(Call c) {
    return new JsonObject()
        .put("id", c.id()).put("caller", c.caller()).put("callee", c.callee()).put("kind", c.kind().wire())
        .put("callerSocket", c.callerSocket()).put("calleeSocket", c.calleeSocket())
        .put("startedAt", c.startedAt()).put("answeredAt", c.answeredAt())
        .put("deadline", c.deadline())
        .put("deadlineReason", c.deadlineReason() == null ? null : c.deadlineReason().wire())
        .encode();
  }

  /** {version, data} or nil. */
  private static Call decode(Response r) {
    if (r == null || r.size() < 2 || r.get(0) == null || r.get(1) == null) {
      return null;
    }
    return decode(Long.parseLong(r.get(0).toString()), r.get(1).toString());
  }

  static Call decode(long version, String data) {
    JsonObject j = new JsonObject(data);
    String reason = j.getString("deadlineReason");
    return new Call(j.getString("id"), j.getString("caller"), j.getString("callee"), CallKind.of(j.getString("kind")),
        j.getString("callerSocket"), j.getString("calleeSocket"), j.getLong("startedAt"), j.getLong("answeredAt"),
        j.getLong("deadline"), reason == null ? null : Reason.of(reason), version);
  }
}
