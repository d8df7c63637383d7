package dev.pulse.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Issues and verifies the HS256 JWTs that identify a user (claims sub, iat, exp). */
public final class TokenService {
  /** HS256 needs a key of at least 256 bits. */
  static final int MIN_SECRET_BYTES = 32;
  /** Why an expired token is refused; clients recognise it and log in again. */
  public static final String EXPIRED = "token expired";

  /** A verified token's subject, or why it was refused. */
  public sealed interface Verdict {
    record Valid(String username, Instant expiresAt) implements Verdict {}

    record Refused(String reason) implements Verdict {}
  }

  /** A newly issued token. */
  public record Issued(String username, String token, Instant expiresAt) {}

  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final Duration ttl;
  private final Clock clock;

  public TokenService(String secret, Duration ttl, Clock clock) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes long");
    }
    this.algorithm = Algorithm.HMAC256(key);
    this.verifier = JWT.require(algorithm).withClaimPresence("sub").withClaimPresence("exp").build();
    this.ttl = ttl;
    this.clock = clock;
  }

  public Issued issue(String username) {
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    String token = JWT.create().withSubject(username).withIssuedAt(now).withExpiresAt(expires).sign(algorithm);
    return new Issued(username, token, expires);
  }

  public Verdict verify(String token) {
    if (token == null || token.isBlank()) {
      return new Verdict.Refused("missing token");
    }
    try {
      var jwt = verifier.verify(token);
      return new Verdict.Valid(jwt.getSubject(), jwt.getExpiresAtAsInstant());
    } catch (TokenExpiredException e) {
      return new Verdict.Refused(EXPIRED);
    } catch (JWTVerificationException e) {
      return new Verdict.Refused("invalid token");
    }
  }

  /**
   * The configured secret, or one generated on first start and kept in {@code dataDir/jwt-secret}
   * so that tokens survive restarts.
   */
  public static String secret(String configured, Path dataDir) {
    if (configured != null) {
      return configured;
    }
    Path file = dataDir.resolve("jwt-secret");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      Files.createDirectories(dataDir);
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.writeString(file, secret, StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system; the directory's permissions apply
      }
      return secret;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create " + file + ": " + e.getMessage(), e);
    }
  }
}
