package dev.pulse.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashes. Slow on purpose (cost {@code BCRYPT_COST}, default 10, ~50-100 ms):
 * call only from worker threads. Passwords longer than bcrypt's 72 bytes are pre-hashed with
 * SHA-512 instead of being cut off.
 */
public final class PasswordHasher {
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;

  private final int cost;
  private final BCrypt.Hasher hasher;
  private final BCrypt.Verifyer verifier;
  // Compared against when the username does not exist, so that both cases take as long.
  private final String decoy;

  public PasswordHasher(int cost) {
    this.cost = cost;
    this.hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    this.verifier = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    this.decoy = hash("decoy password, never matches");
  }

  public String hash(String password) {
    return hasher.hashToString(cost, password.toCharArray());
  }

  /** True when {@code password} matches {@code hash}; a null hash (no such user) never matches. */
  public boolean matches(String password, String hash) {
    byte[] candidate = password.getBytes(StandardCharsets.UTF_8);
    if (hash == null) {
      verifier.verify(candidate, decoy.getBytes(StandardCharsets.UTF_8));
      return false;
    }
    return verifier.verify(candidate, hash.getBytes(StandardCharsets.UTF_8)).verified;
  }
}
