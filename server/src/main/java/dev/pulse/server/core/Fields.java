package dev.pulse.server.core;

import io.vertx.core.json.JsonObject;

/**
 * Typed reads of request fields (a REST body or a socket event payload, both JSON objects) with
 * errors that name the field.
 */
public final class Fields {
  /** Longest username (see the registration rules). */
  public static final int USERNAME_MAX = 32;

  private Fields() {}

  /** A string field, trimmed; null when absent or blank and not required. */
  public static String string(JsonObject body, String name, boolean required, int maxLength) {
    Object value = body.getValue(name);
    if (value == null) {
      if (required) {
        throw DomainException.invalid("'" + name + "' is required");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      throw DomainException.invalid("'" + name + "' must be a string");
    }
    String trimmed = s.trim();
    if (trimmed.isEmpty()) {
      if (required) {
        throw DomainException.invalid("'" + name + "' must not be empty");
      }
      return null;
    }
    if (trimmed.length() > maxLength) {
      throw DomainException.invalid("'" + name + "' can be at most " + maxLength + " characters");
    }
    return trimmed;
  }

  /** A username field: required, trimmed and lower-cased, as usernames are stored. */
  public static String username(JsonObject body, String name) {
    return string(body, name, true, USERNAME_MAX).toLowerCase();
  }

  /** A string taken as sent (message bodies keep their spaces); null when absent. */
  public static String raw(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value != null && !(value instanceof String)) {
      throw DomainException.invalid("'" + name + "' must be a string");
    }
    return (String) value;
  }

  public static boolean bool(JsonObject body, String name, boolean fallback) {
    Object value = body.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw DomainException.invalid("'" + name + "' must be true or false");
    }
    return b;
  }

  public static long longValue(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw DomainException.invalid("'" + name + "' must be a whole number");
    }
    return n.longValue();
  }

  /** A whole number from a query parameter, within bounds; {@code fallback} when absent. */
  public static Integer queryInt(String raw, String name, Integer fallback, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) {
        throw DomainException.invalid("'" + name + "' must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw DomainException.invalid("'" + name + "' must be a whole number");
    }
  }
}
