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
  private final Map<String, Room> socketsByRoom = new HashMap<>();
  private final Map<String, Set<String>> roomsBySocket = new HashMap<>();

  /**
   * A room's members, and the one instance of its name that every member's set of rooms holds:
   * callers build a room's name afresh for each join, and thousands of sockets in the same rooms
   * would otherwise each keep copies of the same strings.
   */
  private static final class Room {
    final String name;
    Set<String> members;

    Room(String name, String firstMember) {
      this.name = name;
      this.members = Set.of(firstMember);
    }
  }

  public InMemoryAdapter(Namespace namespace) {
    this.namespace = namespace;
  }

  @Override
  public void addAll(String socketId, Set<String> rooms) {
    for (String name : rooms) {
      if (name.equals(socketId)) {
        continue;
      }
      Room room = socketsByRoom.get(name);
      boolean created = room == null;
      if (created) {
        room = new Room(name, socketId);
        socketsByRoom.put(name, room);
      } else {
        room.members = withMember(room.members, socketId);
      }
      roomsBySocket.put(socketId, withMember(roomsBySocket.get(socketId), room.name));
      if (created) {
        roomCreated(name);
      }
    }
  }

  @Override
  public void del(String socketId, String room) {
    Set<String> rooms = roomsBySocket.get(socketId);
    if (rooms != null && rooms.contains(room)) {
      put(roomsBySocket, socketId, withoutMember(rooms, room));
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

  private void removeFromRoom(String name, String socketId) {
    Room room = socketsByRoom.get(name);
    if (room == null || !room.members.contains(socketId)) {
      return;
    }
    room.members = withoutMember(room.members, socketId);
    if (room.members == null) {
      socketsByRoom.remove(name);
      roomDeleted(name);
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
   * Most sockets are in a few rooms (their user's, a page of watched users' presence) and most
   * rooms hold a few sockets. A set of up to COMPACT_MAX is kept immutable (Set.of: one array,
   * a fifth of a HashSet's size at 20 members) and copied on change, which is cheap at that size;
   * a larger one becomes a HashSet and changes in place.
   */
  static final int COMPACT_MAX = 32;

  /** {@code set} (null: none) with {@code member} added; the same set when it is growable. */
  static Set<String> withMember(Set<String> set, String member) {
    if (set == null) {
      return Set.of(member);
    }
    if (set instanceof HashSet<String> growable) {
      growable.add(member);
      return growable;
    }
    if (set.contains(member)) {
      return set;
    }
    if (set.size() >= COMPACT_MAX) {
      Set<String> grown = new HashSet<>(set.size() * 2);
      grown.addAll(set);
      grown.add(member);
      return grown;
    }
    String[] members = set.toArray(new String[set.size() + 1]);
    members[set.size()] = member;
    return Set.of(members);
  }

  /** {@code set} without {@code member}, or null when nothing is left. */
  static Set<String> withoutMember(Set<String> set, String member) {
    if (set instanceof HashSet<String> growable) {
      growable.remove(member);
      return growable.isEmpty() ? null : growable;
    }
    if (!set.contains(member)) {
      return set;
    }
    if (set.size() == 1) {
      return null;
    }
    String[] rest = new String[set.size() - 1];
    int i = 0;
    for (String m : set) {
      if (!m.equals(member)) {
        rest[i++] = m;
      }
    }
    return Set.of(rest);
  }

  private static void put(Map<String, Set<String>> sets, String key, Set<String> set) {
    if (set == null) {
      sets.remove(key);
    } else {
      sets.put(key, set);
    }
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

  private Set<String> members(String name) {
    Room room = socketsByRoom.get(name);
    if (room != null) {
      return room.members;
    }
    return namespace.socket(name) != null ? Set.of(name) : Set.of();
  }
}
