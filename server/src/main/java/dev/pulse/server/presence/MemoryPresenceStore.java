package dev.pulse.server.presence;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presence record of a single node, in memory. Every answer is ready at once. Its entries
 * never expire: the node that adds them is the only one, and they die with it. Event loop only.
 */
public final class MemoryPresenceStore implements PresenceStore {

  private static final class Entry {
    PresenceView view;
    final Set<String> connections = new HashSet<>(2);
  }

  private final Map<String, Entry> users = new HashMap<>();

  @Override
  public Future<Void> add(String connectionId, PresenceView view) {
    Entry e = users.computeIfAbsent(view.username(), u -> new Entry());
    e.view = view;
    e.connections.add(connectionId);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> remove(String username, String connectionId) {
    Entry e = users.get(username);
    if (e != null && e.connections.remove(connectionId) && e.connections.isEmpty()) {
      users.remove(username);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> update(PresenceView view) {
    Entry e = users.get(view.username());
    if (e != null) {
      e.view = view;
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Map<String, PresenceView>> get(Collection<String> usernames) {
    Map<String, PresenceView> found = new HashMap<>();
    for (String username : usernames) {
      Entry e = users.get(username);
      if (e != null) {
        found.put(username, e.view);
      }
    }
    return Future.succeededFuture(found);
  }

  @Override
  public Future<List<PresenceView>> list() {
    List<PresenceView> views = new ArrayList<>(users.size());
    users.values().forEach(e -> views.add(e.view));
    return Future.succeededFuture(views);
  }

  @Override
  public Future<Integer> count() {
    return Future.succeededFuture(users.size());
  }
}
