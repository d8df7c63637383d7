package dev.pulse.socketio.engineio;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/** What the server kept of the request that opened a session. */
public record HandshakeRequest(
    MultiMap headers, MultiMap query, String remoteAddress, boolean secure, String uri,
    long issuedAtMillis) {

  static HandshakeRequest of(HttpServerRequest request) {
    return new HandshakeRequest(
        MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
        MultiMap.caseInsensitiveMultiMap().addAll(request.params()),
        request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
        request.isSSL(),
        request.uri(),
        System.currentTimeMillis());
  }
}
