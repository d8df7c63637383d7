package dev.pulse.socketio;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/**
 * What the client presented when it connected to a namespace: the HTTP request that opened the
 * connection and the CONNECT packet's auth payload ({@code {}} when none was sent).
 */
public record Handshake(
    MultiMap headers, MultiMap query, JsonObject auth, String address, boolean secure,
    String url, long issuedAtMillis) {}
