package dev.pulse.socketio.adapter;

import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import dev.pulse.socketio.parser.EncodedPacket;
import dev.pulse.socketio.parser.Packet;
import dev.pulse.socketio.parser.PacketEncoder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Rooms and broadcasts for one node. A broadcast is encoded once and the same frames are written
 * to every selected socket. Each socket is implicitly in the room named by its id; that room is
 * not stored, which keeps an idle socket's footprint here at zero.
 */
public class InMemoryAdapter implements Adapter {

  protected final Namespace namespace;
  private final Map<String, Set<String>> socketsByRoom = new HashMap<>();
  private final Map<String, Set<String>> roomsBySocket = new HashMap<>();

  public InMemoryAdapter(Namespace namespace) {
    this.namespace = namespace;
  }

  @Override
  public void addAll(String socketId, Set<String> rooms) {
    for (String room : rooms) {
      if (room.equals(socketId)) {
        continue;
      }
      boolean created = !socketsByRoom.containsKey(room);
      add(socketsByRoom, room, socketId);
      add(roomsBySocket, socketId, room);
      if (created) {
        roomCreated(room);
      }
    }
  }

  @Override
  public void del(String socketId, String room) {
    if (remove(roomsBySocket, socketId, room)) {
      removeFromRoom(room, socketId);
    }
  }

  @Override
  public void delAll(String socketId) {
    Set<String> rooms = roomsBySocket.remove(socketId);
    if (rooms != null) {
      for (String room : rooms) {
        removeFromRoom(room, socketId);
      }
    }
  }

  private void removeFromRoom(String room, String socketId) {
    if (remove(socketsByRoom, room, socketId) && !socketsByRoom.containsKey(room)) {
      roomDeleted(room);
    }
  }

  /**
   * A local socket joined {@code room}, which had none here before (a cluster adapter starts
   * listening for it). Rooms named by a socket id are implicit and never reported.
   */
  protected void roomCreated(String room) {}

  /** The last local socket left {@code room}. */
  protected void roomDeleted(String room) {}

  /** Whether a local socket is in {@code room} (a socket id counts as a room of one). */
  protected boolean hasLocal(String room) {
    return socketsByRoom.containsKey(room) || namespace.socket(room) != null;
  }

  /*
   * Most sockets are in one or two rooms and many rooms (a user's) hold one socket: a set of one
   * is kept as an immutable Set.of (a fraction of a HashSet's size) until a second member comes.
   */

  private static void add(Map<String, Set<String>> sets, String key, String member) {
    Set<String> set = sets.get(key);
    if (set == null) {
      sets.put(key, Set.of(member));
    } else if (set instanceof HashSet<String> growable) {
      growable.add(member);
    } else if (!set.contains(member)) {
      Set<String> grown = new HashSet<>(4);
      grown.addAll(set);
      grown.add(member);
      sets.put(key, grown);
    }
  }

  /** Removes {@code member} from the set at {@code key}; true if it was there. */
  private static boolean remove(Map<String, Set<String>> sets, String key, String member) {
    Set<String> set = sets.get(key);
    if (set == null || !set.contains(member)) {
      return false;
    }
    if (set.size() == 1) {
      sets.remove(key);
    } else {
      set.remove(member); // only a HashSet holds more than one
    }
    return true;
  }

  @Override
  public Set<String> socketRooms(String socketId) {
    if (namespace.socket(socketId) == null) {
      return Set.of();
    }
    Set<String> rooms = new LinkedHashSet<>();
    rooms.add(socketId);
    rooms.addAll(roomsBySocket.getOrDefault(socketId, Set.of()));
    return rooms;
  }

  @Override
  public Set<String> sockets(Set<String> rooms) {
    Set<String> ids = new LinkedHashSet<>();
    forEachSelected(new BroadcastOptions(rooms, Set.of(), true), s -> ids.add(s.id()));
    return ids;
  }

  @Override
  public Set<String> rooms() {
    return Set.copyOf(socketsByRoom.keySet());
  }

  @Override
  public void broadcast(Packet packet, BroadcastOptions options) {
    EncodedPacket encoded = PacketEncoder.encode(packet);
    forEachSelected(options, socket -> socket.deliver(encoded));
  }

  @Override
  public void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCount,
      Consumer<JsonArray> ack) {
    long id = namespace.nextAckId();
    EncodedPacket encoded = PacketEncoder.encode(
        new Packet(packet.type(), packet.namespace(), packet.data(), id));
    int[] count = {0};
    forEachSelected(options, socket -> {
      socket.expectAck(id, ack);
      socket.deliver(encoded);
      count[0]++;
    });
    clientCount.accept(count[0]);
  }

  @Override
  public Future<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
    List<SocketDetails> details = new ArrayList<>();
    forEachSelected(options, socket -> details.add(socket.details()));
    return Future.succeededFuture(details);
  }

  @Override
  public void addSockets(BroadcastOptions options, Set<String> rooms) {
    selected(options).forEach(socket -> socket.join(rooms));
  }

  @Override
  public void delSockets(BroadcastOptions options, Set<String> rooms) {
    selected(options).forEach(socket -> rooms.forEach(socket::leave));
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    selected(options).forEach(socket -> socket.disconnect(close));
  }

  @Override
  public void serverSideEmit(JsonArray eventAndArgs) {
    // A single node has no one else to tell.
  }

  @Override
  public Future<Integer> serverCount() {
    return Future.succeededFuture(1);
  }

  /** The selected local sockets, collected first so callers may change rooms while iterating. */
  protected List<Socket> selected(BroadcastOptions options) {
    List<Socket> sockets = new ArrayList<>();
    forEachSelected(options, sockets::add);
    return sockets;
  }

  /** Calls {@code action} once for each local socket the options select. */
  protected void forEachSelected(BroadcastOptions options, Consumer<Socket> action) {
    Set<String> excluded = options.except().isEmpty() ? Set.of() : members(options.except());
    if (options.rooms().isEmpty()) {
      for (Socket socket : namespace.sockets().values()) {
        if (!excluded.contains(socket.id())) {
          action.accept(socket);
        }
      }
      return;
    }
    Collection<String> ids = options.rooms().size() == 1
        ? members(options.rooms().iterator().next())
        : members(options.rooms());
    for (String id : ids) {
      Socket socket = namespace.socket(id);
      if (socket != null && !excluded.contains(id)) {
        action.accept(socket);
      }
    }
  }

  private Set<String> members(Set<String> rooms) {
    Set<String> ids = new LinkedHashSet<>();
    for (String room : rooms) {
      ids.addAll(members(room));
    }
    return ids;
  }

  private Set<String> members(String room) {
    Set<String> members = socketsByRoom.get(room);
    if (members != null) {
      return members;
    }
    return namespace.socket(room) != null ? Set.of(room) : Set.of();
  }
}
