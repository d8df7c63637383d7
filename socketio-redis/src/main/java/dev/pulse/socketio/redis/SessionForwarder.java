package dev.pulse.socketio.redis;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.HttpProxy;

/**
 * Lets a cluster run without sticky sessions: an Engine.IO request (a polling GET or POST, or a
 * WebSocket upgrade) whose session lives on another node is proxied there, so the session's own
 * node sees every request of it, whichever node the balancer picked. Requests without a session
 * id (handshakes, direct WebSocket connections) are served where they land.
 *
 * <p>An upgraded WebSocket stays proxied for its lifetime: its frames cross two nodes. Clients
 * that start on WebSocket (the usual case) never are.
 */
public final class SessionForwarder {
  private final String path;
  private final NodeDirectory directory;
  private final HttpClient client;

  /**
   * @param path the Engine.IO path, e.g. {@code /socket.io/}
   */
  public SessionForwarder(Vertx vertx, String path, NodeDirectory directory) {
    this.path = path;
    this.directory = directory;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
  }

  /**
   * Takes the request if its session belongs to another node: true when it was taken (proxied,
   * or answered "Session ID unknown" when that node is gone), false to serve it here.
   */
  public boolean forward(HttpServerRequest request) {
    if (!request.path().startsWith(path)) {
      return false;
    }
    String sid = request.getParam("sid");
    String tag = sid == null ? null : NodeDirectory.tagOf(sid);
    if (tag == null || tag.equals(directory.tag())) {
      return false;
    }
    request.pause();
    directory.address(tag).onComplete(ar -> {
      String address = ar.succeeded() ? ar.result() : null;
      if (address == null) {
        request.resume();
        // the reference's answer for a session this server does not know: the client reconnects
        request.response().setStatusCode(400).putHeader("content-type", "application/json")
            .end("{\"code\":1,\"message\":\"Session ID unknown\"}");
        return;
      }
      HostAndPort origin = HostAndPort.parseAuthority(address, -1);
      HttpProxy.reverseProxy(client).origin(origin.port(), origin.host()).handle(request);
    });
    return true;
  }
}
