package dev.pulse.socketio;

import io.vertx.core.json.JsonArray;

/** Handles one event from a client: its arguments and, if the client asked, the ack. */
@FunctionalInterface
public interface EventListener {
  void onEvent(JsonArray args, Ack ack);
}
