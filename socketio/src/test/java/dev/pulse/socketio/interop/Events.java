package dev.pulse.socketio.interop;

import io.socket.client.Socket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/** Records what a client socket receives, per event, from before it connects. */
final class Events {

  private final Map<String, BlockingQueue<Object[]>> queues = new ConcurrentHashMap<>();
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  Events(Socket socket, String... names) {
    for (String name : names) {
      BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
      queues.put(name, queue);
      counts.put(name, 0);
      socket.on(name, args -> {
        counts.merge(name, 1, Integer::sum);
        queue.add(args);
      });
    }
  }

  /** The next occurrence of {@code name} not yet taken. */
  Object[] next(String name) {
    return JavaClientFixture.poll(queues.get(name), "'" + name + "' event");
  }

  /** How many times {@code name} was received in all. */
  int count(String name) {
    return counts.get(name);
  }
}
