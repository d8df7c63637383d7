package dev.pulse.socketio;

import io.vertx.core.Future;

/**
 * Runs when a client connects to a namespace, before the connection handler. A failed future
 * refuses the connection: the client gets CONNECT_ERROR with the failure's message (and the
 * {@link ConnectError#data()} if it is a {@link ConnectError}).
 */
@FunctionalInterface
public interface Middleware {
  Future<Void> handle(Socket socket);
}
