package dev.pulse.socketio.engineio;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.List;

/**
 * Which browser origins may use the server. The same check guards polling requests and
 * WebSocket upgrades: browsers do not apply CORS to WebSockets, so the server must.
 */
final class CorsPolicy {

  private final boolean anyOrigin;
  private final List<String> allowed;

  CorsPolicy(List<String> allowedOrigins) {
    this.anyOrigin = allowedOrigins.contains("*");
    this.allowed = allowedOrigins;
  }

  /** True when the request carries no Origin (not a browser) or an allowed one. */
  boolean allows(HttpServerRequest request) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null || anyOrigin || allowed.contains(origin)) {
      return true;
    }
    // authority() is the Host header in HTTP/1.x and :authority in HTTP/2 (which has no Host)
    HostAndPort authority = request.authority();
    String host = authority == null ? null
        : authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
    return allowed.isEmpty() && sameOrigin(origin, host);
  }

  /** Adds the CORS response headers for an allowed cross-origin request. */
  void addHeaders(HttpServerRequest request, HttpServerResponse response) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      return;
    }
    response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    response.putHeader(HttpHeaders.VARY, "Origin");
  }

  /** Answers a CORS preflight (OPTIONS) request. */
  void answerPreflight(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    if (!allows(request)) {
      response.setStatusCode(403).end();
      return;
    }
    addHeaders(request, response);
    response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET,HEAD,PUT,PATCH,POST,DELETE");
    String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
    if (requested != null) {
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requested);
    }
    response.putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
    response.setStatusCode(204).end();
  }

  private static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      return host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
