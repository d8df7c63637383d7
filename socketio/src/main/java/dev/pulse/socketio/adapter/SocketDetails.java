package dev.pulse.socketio.adapter;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A socket as seen from any node (the reference's RemoteSocket): plain data, so a cluster
 * adapter can ship it between nodes.
 */
public record SocketDetails(
    String id, String namespace, Set<String> rooms, JsonObject data, JsonObject auth,
    String remoteAddress) {}
