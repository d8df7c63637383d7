package dev.pulse.socketio.engineio;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an HTTP/1.1 upgrade request away from Vert.x and turns its channel into a
 * {@link WebSocketConnection}: Netty's handshaker answers 101 and installs its frame decoder and
 * encoder, the Vert.x HTTP handlers leave the pipeline, and nothing of the request stays
 * reachable from the connection. Vert.x would keep the request, its headers, an HTTP and a
 * WebSocket connection object and a thread-safe outbound queue alive for the socket's lifetime.
 */
final class WebSocketUpgrade {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketUpgrade.class);

  private WebSocketUpgrade() {}

  /**
   * Upgrades {@code request} for {@code session}; {@code onOpen} runs on the event loop once the
   * 101 response has been written. A request that is not a valid WebSocket upgrade is refused
   * with 400 (or 426 for an unsupported WebSocket version), and {@code onOpen} never runs.
   */
  static void accept(EngineIoServer server, HttpServerRequest request, EngineSocket session,
      Consumer<WebSocketConnection> onOpen) {
    // HTTP/2 connections have no VertxHandler (and browsers upgrade over HTTP/1.1 only).
    if (!(request.connection() instanceof ConnectionBase connection)
        || connection.channel().pipeline().get(VertxHandler.class) == null) {
      server.reject(request, HandshakeError.BAD_REQUEST);
      return;
    }
    DefaultFullHttpRequest handshakeRequest = handshakeRequest(request);
    WebSocketServerHandshaker handshaker = server.handshakers().newHandshaker(handshakeRequest);
    if (handshaker == null || !validHandshake(handshakeRequest.headers())) {
      if (handshaker == null) {
        request.response().putHeader(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
      }
      request.response().setStatusCode(handshaker == null ? 426 : 400).end();
      return;
    }
    Runnable takeOver = () -> takeOver(server, connection.channel(), handshaker, handshakeRequest,
        session, onOpen);
    if (request.isEnded()) {
      takeOver.run();
    } else {
      request.handler(ignored -> { }); // an upgrade request has no body worth reading
      request.endHandler(v -> takeOver.run());
    }
  }

  private static void takeOver(EngineIoServer server, Channel channel,
      WebSocketServerHandshaker handshaker, DefaultFullHttpRequest handshakeRequest,
      EngineSocket session, Consumer<WebSocketConnection> onOpen) {
    if (!channel.isActive()) {
      return;
    }
    WebSocketConnection connection = new WebSocketConnection(server, session);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.replace(VertxHandler.class, "engineio", connection);
    channel.config().setAutoRead(true); // in case Vert.x had paused the HTTP connection
    try {
      handshaker.handshake(channel, handshakeRequest, null, channel.newPromise())
          .addListener(done -> {
            if (!done.isSuccess()) {
              LOG.debug("websocket handshake failed", done.cause());
              channel.close();
              return;
            }
            removeHttpHandlers(pipeline);
            connection.opened();
            if (connection.isOpen()) {
              onOpen.accept(connection);
            }
          });
    } catch (RuntimeException e) {
      LOG.debug("websocket handshake refused", e);
      channel.close();
    }
  }

  /** The WebSocket handshake's parts of the request, for Netty's handshaker. */
  private static DefaultFullHttpRequest handshakeRequest(HttpServerRequest request) {
    HttpHeaders headers = new DefaultHttpHeaders();
    copy(request, headers, HttpHeaderNames.CONNECTION);
    copy(request, headers, HttpHeaderNames.UPGRADE);
    copy(request, headers, HttpHeaderNames.SEC_WEBSOCKET_KEY);
    copy(request, headers, HttpHeaderNames.SEC_WEBSOCKET_VERSION);
    // Only GET requests are treated as upgrades (EngineIoServer.isWebSocketUpgrade).
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, request.uri(),
        Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE);
  }

  private static void copy(HttpServerRequest request, HttpHeaders to, CharSequence name) {
    List<String> values = request.headers().getAll(name.toString());
    if (!values.isEmpty()) {
      to.add(name, values);
    }
  }

  /** What Netty's handshaker would refuse only after the pipeline was already changed. */
  private static boolean validHandshake(HttpHeaders headers) {
    return headers.containsValue(HttpHeaderNames.CONNECTION, "upgrade", true)
        && headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY);
  }

  /** Handshakers for these options; one factory (and decoder settings) serves every socket. */
  static WebSocketServerHandshakerFactory handshakers(EngineIoOptions options) {
    WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(options.maxPayload())
        .expectMaskedFrames(true)
        .allowMaskMismatch(false)
        .allowExtensions(false)
        .closeOnProtocolViolation(true)
        .build();
    return new WebSocketServerHandshakerFactory(null, null, decoder);
  }

  /**
   * Drops what served HTTP (Vert.x's handlers and Netty's HTTP codecs that the handshaker left)
   * and keeps the rest: TLS, traffic shaping, idle detection, logging, the WebSocket codec.
   */
  private static void removeHttpHandlers(ChannelPipeline pipeline) {
    List<ChannelHandler> leftovers = new ArrayList<>();
    for (Map.Entry<String, ChannelHandler> entry : pipeline) {
      ChannelHandler handler = entry.getValue();
      String type = handler.getClass().getName();
      boolean http = type.startsWith("io.vertx.")
          || type.startsWith("io.netty.handler.codec.http.")
              && !type.startsWith("io.netty.handler.codec.http.websocketx.")
          || handler instanceof ChunkedWriteHandler;
      if (http) {
        leftovers.add(handler);
      }
    }
    leftovers.forEach(pipeline::remove);
  }
}
