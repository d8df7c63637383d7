package dev.pulse.socketio;

import io.vertx.core.json.JsonArray;

/** Sees every event from a client, before the per-event listeners. */
@FunctionalInterface
public interface AnyEventListener {
  void onEvent(String event, JsonArray args, Ack ack);
}
