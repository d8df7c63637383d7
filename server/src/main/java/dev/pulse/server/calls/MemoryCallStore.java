package dev.pulse.server.calls;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The calls of a single node, in its memory (they end with it). Event loop only. */
public final class MemoryCallStore implements CallStore {
  private final Map<String, Call> calls = new HashMap<>();
  private final Map<String, String> byUser = new HashMap<>();

  @Override
  public Future<Opened> open(Call call) {
    if (byUser.containsKey(call.caller())) {
      return Future.succeededFuture(Opened.CALLER_BUSY);
    }
    if (byUser.containsKey(call.callee())) {
      return Future.succeededFuture(Opened.CALLEE_BUSY);
    }
    calls.put(call.id(), call);
    byUser.put(call.caller(), call.id());
    byUser.put(call.callee(), call.id());
    return Future.succeededFuture(Opened.OPENED);
  }

  @Override
  public Future<Call> get(String callId) {
    return Future.succeededFuture(calls.get(callId));
  }

  @Override
  public Future<Call> ofUser(String username) {
    String id = byUser.get(username);
    return Future.succeededFuture(id == null ? null : calls.get(id));
  }

  @Override
  public Future<Boolean> replace(Call current, Call next) {
    Call stored = calls.get(current.id());
    if (stored == null || stored.version() != current.version()) {
      return Future.succeededFuture(false);
    }
    calls.put(next.id(), next.withVersion(current.version() + 1));
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Boolean> remove(Call current) {
    Call stored = calls.get(current.id());
    if (stored == null || stored.version() != current.version()) {
      return Future.succeededFuture(false);
    }
    calls.remove(current.id());
    byUser.remove(current.caller(), current.id());
    byUser.remove(current.callee(), current.id());
    return Future.succeededFuture(true);
  }

  @Override
  public Future<List<Call>> due(long nowMillis, int limit) {
    List<Call> due = new ArrayList<>();
    for (Call c : calls.values()) {
      if (c.deadline() > 0 && c.deadline() <= nowMillis && due.size() < limit) {
        due.add(c);
      }
    }
    return Future.succeededFuture(due);
  }
}
