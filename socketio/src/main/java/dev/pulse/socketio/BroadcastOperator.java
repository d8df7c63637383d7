package dev.pulse.socketio;

import dev.pulse.socketio.adapter.BroadcastOptions;
import dev.pulse.socketio.adapter.SocketDetails;
import dev.pulse.socketio.parser.Packet;
import io.netty.util.Timeout;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Selects sockets and acts on them. Immutable: {@link #to}, {@link #except} and {@link #local}
 * each return a new operator, so one can be kept and reused.
 */
public final class BroadcastOperator {

  private final Namespace namespace;
  private final Set<String> rooms;
  private final Set<String> except;
  private final boolean local;

  BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except, boolean local) {
    this.namespace = namespace;
    this.rooms = rooms;
    this.except = except;
    this.local = local;
  }

  /** Adds rooms: sockets in any of them are selected. */
  public BroadcastOperator to(String... more) {
    return new BroadcastOperator(namespace, union(rooms, more), except, local);
  }

  /** Same as {@link #to}. */
  public BroadcastOperator in(String... more) {
    return to(more);
  }

  /** Excludes sockets in any of these rooms (a socket id names a room of one). */
  public BroadcastOperator except(String... more) {
    return new BroadcastOperator(namespace, rooms, union(except, more), local);
  }

  /** Only sockets on this node. */
  public BroadcastOperator local() {
    return new BroadcastOperator(namespace, rooms, except, true);
  }

  private BroadcastOptions options() {
    return new BroadcastOptions(rooms, except, local);
  }

  public void emit(String event, Object... args) {
    Packet packet = Packet.event(namespace.name(), Socket.eventPayload(event, args), Packet.NO_ID);
    onLoop(() -> namespace.adapter().broadcast(packet, options()));
  }

  /**
   * Emits and collects every selected client's ack. Fails with {@link AckTimeoutException}
   * (holding the replies that did arrive) if some did not answer within {@code timeoutMillis}.
   */
  public Future<List<JsonArray>> emitWithAck(long timeoutMillis, String event, Object... args) {
    return emitWithAck(timeoutMillis, reply -> {}, event, args);
  }

  /**
   * As {@link #emitWithAck(long, String, Object...)}, and hands each reply to {@code onReply} (on
   * the event loop) as it arrives: a caller that needs only one answer acts on the first instead
   * of waiting for the slowest client or the timeout.
   */
  public Future<List<JsonArray>> emitWithAck(long timeoutMillis, Consumer<JsonArray> onReply, String event,
      Object... args) {
    Packet packet = Packet.event(namespace.name(), Socket.eventPayload(event, args), Packet.NO_ID);
    Promise<List<JsonArray>> result = Promise.promise();
    onLoop(() -> {
      if (namespace.server().timer() == null) {
        result.complete(List.of()); // no request has arrived yet, so there are no sockets
        return;
      }
      List<JsonArray> responses = new ArrayList<>();
      int[] expected = {0};
      boolean[] counted = {false};
      Timeout timeout = namespace.server().timer().schedule(timeoutMillis,
          () -> result.tryFail(new AckTimeoutException(timeoutMillis, responses)));
      namespace.adapter().broadcastWithAck(packet, options(), count -> {
        expected[0] += count;
        counted[0] = true;
        if (responses.size() >= expected[0]) {
          timeout.cancel();
          result.tryComplete(List.copyOf(responses));
        }
      }, reply -> {
        responses.add(reply);
        onReply.accept(reply);
        if (counted[0] && responses.size() >= expected[0]) {
          timeout.cancel();
          result.tryComplete(List.copyOf(responses));
        }
      });
    });
    return result.future();
  }

  public Future<List<SocketDetails>> fetchSockets() {
    Promise<List<SocketDetails>> result = Promise.promise();
    onLoop(() -> namespace.adapter().fetchSockets(options()).onComplete(result));
    return result.future();
  }

  public void socketsJoin(String... joined) {
    Set<String> copy = Set.copyOf(List.of(joined)); // copyOf tolerates duplicates
    onLoop(() -> namespace.adapter().addSockets(options(), copy));
  }

  public void socketsLeave(String... left) {
    Set<String> copy = Set.copyOf(List.of(left));
    onLoop(() -> namespace.adapter().delSockets(options(), copy));
  }

  public void disconnectSockets(boolean close) {
    onLoop(() -> namespace.adapter().disconnectSockets(options(), close));
  }

  private void onLoop(Runnable action) {
    namespace.server().engine().runOnLoop(action);
  }

  private static Set<String> union(Set<String> base, String[] more) {
    if (base.isEmpty() && more.length == 1) {
      return Set.of(more[0]); // the common io.to(room) case, without a temporary set
    }
    Set<String> all = new HashSet<>(base);
    Collections.addAll(all, more);
    return Set.copyOf(all);
  }
}
