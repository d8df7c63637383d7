package dev.pulse.socketio.engineio;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the server kept of the request that opened a session. It lives as long as the session,
 * so it holds the headers as one string and the query as the URI; {@link #headers()} and
 * {@link #query()} build a new map on each call.
 */
public final class HandshakeRequest {

  /** Separates header names and values in {@link #headerBlock} (never valid inside either). */
  private static final char SEPARATOR = '\n';

  private final String headerBlock;
  private final MultiMap headers;
  private final MultiMap query;
  private final String remoteAddress;
  private final boolean secure;
  private final String uri;
  private final long issuedAtMillis;

  /** A handshake with the given maps, kept as they are. */
  public HandshakeRequest(MultiMap headers, MultiMap query, String remoteAddress, boolean secure,
      String uri, long issuedAtMillis) {
    this(null, headers, query, remoteAddress, secure, uri, issuedAtMillis);
  }

  private HandshakeRequest(String headerBlock, MultiMap headers, MultiMap query,
      String remoteAddress, boolean secure, String uri, long issuedAtMillis) {
    this.headerBlock = headerBlock;
    this.headers = headers;
    this.query = query;
    this.remoteAddress = remoteAddress;
    this.secure = secure;
    this.uri = uri;
    this.issuedAtMillis = issuedAtMillis;
  }

  /** What to keep of {@code request}; its headers only when {@code keepHeaders}, else none. */
  static HandshakeRequest of(HttpServerRequest request, boolean keepHeaders) {
    return new HandshakeRequest(keepHeaders ? headerBlock(request) : "", null, null,
        request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
        request.isSSL(), request.uri(), System.currentTimeMillis());
  }

  private static String headerBlock(HttpServerRequest request) {
    StringBuilder block = new StringBuilder(256);
    for (Map.Entry<String, String> header : request.headers()) {
      block.append(header.getKey()).append(SEPARATOR).append(header.getValue()).append(SEPARATOR);
    }
    return block.toString();
  }

  /** The request's headers (case-insensitive names). */
  public MultiMap headers() {
    if (headers != null) {
      return headers;
    }
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    int start = 0;
    while (start < headerBlock.length()) {
      int nameEnd = headerBlock.indexOf(SEPARATOR, start);
      int valueEnd = headerBlock.indexOf(SEPARATOR, nameEnd + 1);
      map.add(headerBlock.substring(start, nameEnd), headerBlock.substring(nameEnd + 1, valueEnd));
      start = valueEnd + 1;
    }
    return map;
  }

  /** The query parameters of the request's URI, decoded. */
  public MultiMap query() {
    if (query != null) {
      return query;
    }
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    Map<String, List<String>> params =
        new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, 1024, false).parameters();
    params.forEach(map::add);
    return map;
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  public boolean secure() {
    return secure;
  }

  public String uri() {
    return uri;
  }

  public long issuedAtMillis() {
    return issuedAtMillis;
  }

  @Override
  public String toString() {
    return "HandshakeRequest[uri=" + uri + ", remoteAddress=" + remoteAddress
        + ", secure=" + secure + "]";
  }
}
