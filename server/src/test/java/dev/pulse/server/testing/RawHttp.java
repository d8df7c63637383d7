package dev.pulse.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 request over a plain socket bound to a chosen local address (the JDK HttpClient on
 * Java 17 cannot choose its source address), for tests of per-address limits and of proxies.
 */
public final class RawHttp {
  /** A response: status line's code, and the body as text. */
  public record Response(int status, String head, String body) {}

  private RawHttp() {}

  public static Response send(String localAddress, int port, String method, String path, Map<String, String> headers,
      String body) throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
    }
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 15_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = raw.indexOf("\r\n\r\n");
      String top = split < 0 ? raw : raw.substring(0, split);
      String rest = split < 0 ? "" : raw.substring(split + 4);
      return new Response(Integer.parseInt(top.substring(9, 12)), top, rest);
    }
  }

  /** The value of {@code name} in a response head, or null. */
  public static String header(Response r, String name) {
    for (String line : r.head().split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }
}
