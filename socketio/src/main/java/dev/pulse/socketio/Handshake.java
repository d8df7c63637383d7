package dev.pulse.socketio;

import dev.pulse.socketio.engineio.HandshakeRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/**
 * What the client presented when it connected to a namespace: the HTTP request that opened the
 * connection and the CONNECT packet's auth payload ({@code {}} when none was sent). The request's
 * headers and query are kept compactly and {@link #headers()} / {@link #query()} build a new map on
 * each call.
 */
public final class Handshake {

  private final HandshakeRequest request;
  private final JsonObject auth;
  private final long issuedAtMillis;

  /** A handshake with the given maps, kept as they are. */
  public Handshake(MultiMap headers, MultiMap query, JsonObject auth, String address,
      boolean secure, String url, long issuedAtMillis) {
    this(new HandshakeRequest(headers, query, address, secure, url, issuedAtMillis), auth,
        issuedAtMillis);
  }

  Handshake(HandshakeRequest request, JsonObject auth, long issuedAtMillis) {
    this.request = request;
    this.auth = auth;
    this.issuedAtMillis = issuedAtMillis;
  }

  public MultiMap headers() {
    return request.headers();
  }

  public MultiMap query() {
    return request.query();
  }

  public JsonObject auth() {
    return auth;
  }

  /** The client's IP address. */
  public String address() {
    return request.remoteAddress();
  }

  /** Whether the connection came over TLS. */
  public boolean secure() {
    return request.secure();
  }

  /** The request URI (path and query) that opened the connection. */
  public String url() {
    return request.uri();
  }

  /** When the client connected to this namespace. */
  public long issuedAtMillis() {
    return issuedAtMillis;
  }

  @Override
  public String toString() {
    return "Handshake[url=" + url() + ", address=" + address() + ", secure=" + secure() + "]";
  }
}
