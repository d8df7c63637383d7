package dev.pulse.socketio.engineio;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/** What the server kept of the request that opened a session. */
public record HandshakeRequest(
    MultiMap headers, MultiMap query, String remoteAddress, boolean secure, String uri,
    long issuedAtMillis) {

  /** Keeps the request's own maps: the request object outlives the handshake anyway. */
  static HandshakeRequest of(HttpServerRequest request) {
    return new HandshakeRequest(
        request.headers(),
        request.params(),
        request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
        request.isSSL(),
        request.uri(),
        System.currentTimeMillis());
  }
}
