package dev.pulse.server.realtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Handles one client event whose payload is a JSON object. The result (completed on the event
 * loop) goes back in the ack as {@code {"ok": true, ...result}}; a failure with a
 * {@link dev.pulse.server.core.DomainException} becomes {@code {"ok": false, "error": {...}}}.
 */
@FunctionalInterface
public interface EventHandler {
  Future<JsonObject> handle(Session session, JsonObject payload);
}
