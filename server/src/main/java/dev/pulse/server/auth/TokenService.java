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

/**
 * Issues and verifies the HS256 access tokens that identify a user and the session they signed in
 * with (claims sub, sid, iat, exp). Access tokens are short-lived ({@code TOKEN_TTL_MINUTES});
 * the session, refreshed through its cookie, is what lasts. A token may be issued a little in
 * the future by a node whose clock runs ahead ({@code CLOCK_SKEW_SECONDS}), and no token is
 * accepted whose lifetime exceeds {@code TOKEN_MAX_LIFETIME_MINUTES}, whoever signed it.
 */
public final class TokenService {
  /** HS256 needs a key of at least 256 bits. */
  static final int MIN_SECRET_BYTES = 32;
  /** Why an expired token is refused; clients recognise it and log in again. */
  public static final String EXPIRED = "token expired";
  /** Why a token that is not ours, malformed, or claims too long a life is refused. */
  public static final String INVALID = "invalid token";

  /** A verified token's subject, or why it was refused. */
  public sealed interface Verdict {
    record Valid(String username, String sessionId, Instant expiresAt) implements Verdict {}

    record Refused(String reason) implements Verdict {}
  }

  /** A newly issued token. */
  public record Issued(String username, String sessionId, String token, Instant expiresAt) {}

  /** The claim that names the session a token belongs to. */
  static final String SESSION_CLAIM = "sid";

  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final Duration ttl;
  private final Duration maxLifetime;
  private final Clock clock;

  public TokenService(String secret, Duration ttl, Duration maxLifetime, Duration clockSkew, Clock clock) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes long");
    }
    this.algorithm = Algorithm.HMAC256(key);
    if (ttl.compareTo(maxLifetime) > 0) {
      throw new IllegalArgumentException("TOKEN_TTL_MINUTES cannot exceed TOKEN_MAX_LIFETIME_MINUTES");
    }
    long skew = clockSkew.toSeconds();
    // expiry has no leeway: the server that issued a token decides when it ends
    this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
        .withClaimPresence("sub").withClaimPresence("exp").withClaimPresence("iat").withClaimPresence(SESSION_CLAIM)
        .acceptIssuedAt(skew).acceptNotBefore(skew).acceptExpiresAt(0)).build(clock);
    this.ttl = ttl;
    this.maxLifetime = maxLifetime;
    this.clock = clock;
  }

  public Issued issue(String username, String sessionId) {
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    String token = JWT.create().withSubject(username).withClaim(SESSION_CLAIM, sessionId)
        .withIssuedAt(now).withExpiresAt(expires).sign(algorithm);
    return new Issued(username, sessionId, token, expires);
  }

  public Verdict verify(String token) {
    if (token == null || token.isBlank()) {
      return new Verdict.Refused("missing token");
    }
    try {
      var jwt = verifier.verify(token);
      Instant issued = jwt.getIssuedAtAsInstant();
      Instant expires = jwt.getExpiresAtAsInstant();
      String session = jwt.getClaim(SESSION_CLAIM).asString();
      if (session == null || Duration.between(issued, expires).compareTo(maxLifetime) > 0) {
        return new Verdict.Refused(INVALID);
      }
      return new Verdict.Valid(jwt.getSubject(), session, expires);
    } catch (TokenExpiredException e) {
      return new Verdict.Refused(EXPIRED);
    } catch (JWTVerificationException e) {
      return new Verdict.Refused(INVALID);
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
