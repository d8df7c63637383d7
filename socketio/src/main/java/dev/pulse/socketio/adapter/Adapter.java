package dev.pulse.socketio.adapter;

import dev.pulse.socketio.parser.Packet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The seam between a namespace and where its sockets live: which rooms each local socket is in,
 * and how a broadcast reaches sockets on this node and, for a cluster implementation, on the
 * others. One adapter per namespace; every method is called on the server's event loop.
 *
 * <p>The room methods describe local sockets only. The broadcast and "sockets" operations
 * address the whole cluster unless {@link BroadcastOptions#local()} is set; the in-memory
 * adapter is the single-node case, and a cluster adapter extends it, forwarding to other nodes
 * what it also does locally.
 */
public interface Adapter {

  /** Adds a local socket to rooms. */
  void addAll(String socketId, Set<String> rooms);

  /** Removes a local socket from one room. */
  void del(String socketId, String room);

  /** Removes a local socket from every room (it disconnected). */
  void delAll(String socketId);

  /** The rooms a local socket is in (empty for an unknown socket). */
  Set<String> socketRooms(String socketId);

  /** Ids of local sockets in any of {@code rooms} (all local sockets when empty). */
  Set<String> sockets(Set<String> rooms);

  /** Every room with at least one local socket. */
  Set<String> rooms();

  /** Sends a packet to the sockets the options select. */
  void broadcast(Packet packet, BroadcastOptions options);

  /**
   * Sends a packet expecting an ack from each socket: {@code clientCount} is told how many
   * sockets were reached (possibly in several calls, one per node), {@code ack} gets each reply.
   */
  void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCount,
      Consumer<JsonArray> ack);

  /** Describes the sockets the options select. */
  Future<List<SocketDetails>> fetchSockets(BroadcastOptions options);

  /** Makes the selected sockets join rooms. */
  void addSockets(BroadcastOptions options, Set<String> rooms);

  /** Makes the selected sockets leave rooms. */
  void delSockets(BroadcastOptions options, Set<String> rooms);

  /** Disconnects the selected sockets; {@code close} also closes their connections. */
  void disconnectSockets(BroadcastOptions options, boolean close);

  /** Sends an event to the same namespace on the other nodes (not to clients). */
  void serverSideEmit(JsonArray eventAndArgs);

  /** How many nodes serve this namespace (1 without a cluster). */
  Future<Integer> serverCount();

  /** Releases resources when the server closes. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
