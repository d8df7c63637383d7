package dev.pulse.server.api;

/**
 * A failure the client should see, in the one error shape:
 * HTTP status + {@code {"error": {"code", "message"}}} (or the same object in a socket ack).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  public ApiException(int status, String code, String message) {
    this(status, code, message, 0);
  }

  public ApiException(int status, String code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException rateLimited(String message, long retryAfterSeconds) {
    return new ApiException(429, "rate_limited", message, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Seconds until a retry can succeed, for {@code Retry-After}; 0 when not applicable. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
