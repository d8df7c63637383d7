package dev.pulse.server.core;

/**
 * A failure the caller should see, in words that belong to no transport: a stable
 * {@link #code()} (the wire's {@code error.code}), a message for people, and a {@link Kind}
 * that each edge maps to its own terms (an HTTP status for REST; the socket edge sends code and
 * message in the ack or an {@code error} event).
 */
public final class DomainException extends RuntimeException {

  /** What sort of failure this is; the edges decide what each means to their clients. */
  public enum Kind {
    /** The request is malformed or a value is out of range. */
    INVALID,
    /** Who is asking is unknown: no, a bad or an expired token, or wrong credentials. */
    UNAUTHENTICATED,
    /** Known, but not allowed (the other user blocked them, a payload names someone else). */
    FORBIDDEN,
    NOT_FOUND,
    /** The request clashes with what exists (a taken username). */
    CONFLICT,
    /** Too many requests; {@link #retryAfterSeconds()} says when to try again. */
    RATE_LIMITED,
    /** The server cannot do it now (shutting down, overloaded, the database is unreachable). */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;
  private final long retryAfterSeconds;

  public DomainException(Kind kind, String code, String message) {
    this(kind, code, message, 0);
  }

  private DomainException(Kind kind, String code, String message, long retryAfterSeconds) {
    // no stack trace: these are answers, thrown on hot paths, and never bugs to debug
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static DomainException invalid(String message) {
    return new DomainException(Kind.INVALID, "bad_request", message);
  }

  public static DomainException unauthenticated(String message) {
    return new DomainException(Kind.UNAUTHENTICATED, "unauthorized", message);
  }

  public static DomainException forbidden(String message) {
    return new DomainException(Kind.FORBIDDEN, "forbidden", message);
  }

  public static DomainException notFound(String message) {
    return new DomainException(Kind.NOT_FOUND, "not_found", message);
  }

  public static DomainException conflict(String message) {
    return new DomainException(Kind.CONFLICT, "conflict", message);
  }

  public static DomainException rateLimited(String message, long retryAfterSeconds) {
    return new DomainException(Kind.RATE_LIMITED, "rate_limited", message, retryAfterSeconds);
  }

  public static DomainException unavailable(String message) {
    return new DomainException(Kind.UNAVAILABLE, "unavailable", message);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  /** Seconds until a retry can succeed; 0 when not applicable. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
