package dev.pulse.socketio.robustness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A plain TCP socket speaking just enough HTTP/WebSocket by hand to send what a well-behaved
 * client library never would (unmasked or reserved frames, invalid UTF-8, broken HTTP), or to
 * perform the upgrade and then never read again.
 */
final class RawSocket implements AutoCloseable {

  final Socket socket;
  final InputStream in;
  final OutputStream out;

  private RawSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects; {@code receiveBuffer > 0} shrinks the kernel receive buffer (set before connect). */
  static RawSocket connect(int port, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
    s.setSoTimeout(3000);
    return new RawSocket(s);
  }

  /** Sends an upgrade request and reads the response head; returns the status code. */
  int upgrade(String uri, String extraHeaders) throws IOException {
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request = "GET " + uri + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + socket.getPort() + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    writeRaw(request.getBytes(StandardCharsets.ISO_8859_1));
    return statusOf(readHead());
  }

  void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads up to and including the blank line ending an HTTP response head. */
  String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads the body announced by the Content-Length of {@code head}; "" without one. */
  String readBody(String head) throws IOException {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        int length = Integer.parseInt(line.substring(colon + 1).trim());
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  static int statusOf(String head) {
    String[] parts = head.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      return -1;
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Writes one frame; clients must mask, so {@code mask=false} is itself a protocol error. */
  void frame(int opcode, boolean fin, int rsv, boolean mask, byte[] payload) throws IOException {
    frameWithLength(opcode, fin, rsv, mask, payload, payload.length);
  }

  void frameWithLength(int opcode, boolean fin, int rsv, boolean mask, byte[] payload,
      long announcedLength) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
    f.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | (opcode & 0xF));
    int maskBit = mask ? 0x80 : 0;
    if (announcedLength < 126) {
      f.write(maskBit | (int) announcedLength);
    } else if (announcedLength < 65536) {
      f.write(maskBit | 126);
      f.write((int) (announcedLength >>> 8));
      f.write((int) announcedLength);
    } else {
      f.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) (announcedLength >>> (8 * i)));
      }
    }
    byte[] key = new byte[4];
    if (mask) {
      ThreadLocalRandom.current().nextBytes(key);
      f.write(key, 0, 4);
    }
    for (int i = 0; i < payload.length; i++) {
      f.write(payload[i] ^ (mask ? key[i & 3] : 0));
    }
    writeRaw(f.toByteArray());
  }

  void text(String text) throws IOException {
    frame(0x1, true, 0, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /** One frame from the server: opcode and payload (servers do not mask). */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** The next frame, or null if the connection ended (EOF or reset) or nothing came in time. */
  Frame readFrame(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    try {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      int b1 = readByte();
      long len = b1 & 0x7F;
      if (len == 126) {
        len = (readByte() << 8) | readByte();
      } else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | readByte();
        }
      }
      if (len > (16 << 20)) {
        throw new IOException("frame too large: " + len);
      }
      byte[] payload = in.readNBytes((int) len);
      if (payload.length < len) {
        return null;
      }
      return new Frame(b0 & 0x0F, payload);
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      return null; // reset
    }
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new IOException("eof");
    }
    return b;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
