package dev.pulse.server.api;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Which address a request comes from, for the per-address limits: the TCP peer, unless the peer is
 * one of the trusted proxies ({@code TRUSTED_PROXIES}: addresses or CIDR ranges), whose
 * {@code X-Forwarded-For} is then read from the right, skipping further trusted proxies. A client
 * can write anything into that header, so it is believed only as far as a trusted proxy vouches.
 */
public final class ClientAddress {
  private record Range(byte[] network, int prefixBits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int bits = prefixBits;
      for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((address[i] & mask) != (network[i] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Range> trusted = new ArrayList<>();

  /** {@code trustedProxies}: addresses ({@code 127.0.0.1}) or ranges ({@code 10.0.0.0/8}). */
  public ClientAddress(List<String> trustedProxies) {
    for (String entry : trustedProxies) {
      trusted.add(range(entry));
    }
  }

  private static Range range(String entry) {
    int slash = entry.indexOf('/');
    String ip = slash < 0 ? entry : entry.substring(0, slash);
    byte[] network = NetUtil.createByteArrayFromIpAddressString(ip);
    if (network == null) {
      throw new IllegalArgumentException("TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR range");
    }
    int bits = network.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(entry.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > network.length * 8) {
        throw new IllegalArgumentException("TRUSTED_PROXIES: bad prefix length in '" + entry + "'");
      }
    }
    return new Range(network, bits);
  }

  /** The client's address for {@code request}. */
  public String of(HttpServerRequest request) {
    String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    if (trusted.isEmpty() || !isTrusted(peer)) {
      return peer;
    }
    String header = request.getHeader("X-Forwarded-For");
    if (header == null) {
      return peer;
    }
    String[] hops = header.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (NetUtil.createByteArrayFromIpAddressString(hop) == null) {
        return peer; // garbage where an address should be: the last address vouched for stands
      }
      peer = hop;
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null) {
      return false;
    }
    for (Range r : trusted) {
      if (r.contains(bytes)) {
        return true;
      }
    }
    return false;
  }
}
