package dev.pulse.socketio.engineio;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable 20-character ids (15 random bytes, base64url), as the reference generates. */
public final class SessionIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private SessionIds() {}

  public static String next() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
