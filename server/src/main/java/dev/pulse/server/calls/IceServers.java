package dev.pulse.server.calls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers a browser is given for its calls ({@code ICE_SERVERS}). STUN servers as they
 * are; TURN servers, when {@code TURN_SECRET} is set, with time-limited credentials as coturn's
 * REST authentication ({@code use-auth-secret}) defines them: the username is
 * {@code <expiry in Unix seconds>:<user>}, the credential base64(HMAC-SHA1(secret, username)), so
 * the TURN server checks them without asking Pulse, and they stop working at the expiry. With no
 * server configured the list is empty and browsers connect over their own addresses only.
 */
public final class IceServers {
  private final List<String> urls;
  private final String turnSecret;
  private final Duration ttl;
  private final Clock clock;

  public IceServers(List<String> urls, String turnSecret, Duration ttl, Clock clock) {
    this.urls = List.copyOf(urls);
    this.turnSecret = turnSecret;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** {@code {iceServers: [RTCIceServer...], ttlSeconds}} for {@code username}. */
  public JsonObject forUser(String username) {
    List<String> stun = new ArrayList<>();
    List<String> turn = new ArrayList<>();
    for (String url : urls) {
      (url.toLowerCase().startsWith("turn") ? turn : stun).add(url);
    }
    JsonArray servers = new JsonArray();
    if (!stun.isEmpty()) {
      servers.add(new JsonObject().put("urls", new JsonArray(stun)));
    }
    if (!turn.isEmpty()) {
      JsonObject server = new JsonObject().put("urls", new JsonArray(turn));
      if (turnSecret != null) {
        String name = (clock.instant().getEpochSecond() + ttl.toSeconds()) + ":" + username;
        server.put("username", name).put("credential", credential(turnSecret, name));
      }
      servers.add(server);
    }
    return new JsonObject().put("iceServers", servers).put("ttlSeconds", ttl.toSeconds());
  }

  /** coturn's REST credential for {@code username}: base64(HMAC-SHA1(secret, username)). */
  static String credential(String secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
    }
  }
}
