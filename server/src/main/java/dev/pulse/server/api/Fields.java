package dev.pulse.server.api;

import io.vertx.core.json.JsonObject;

/** Typed reads of request fields with errors that name the field. Shared by REST and socket events. */
public final class Fields {
  private Fields() {}

  /** A string field, trimmed; null when absent or blank and not required. */
  public static String string(JsonObject body, String name, boolean required, int maxLength) {
    Object value = body.getValue(name);
    if (value == null) {
      if (required) {
        throw ApiException.badRequest("'" + name + "' is required");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiException.badRequest("'" + name + "' must be a string");
    }
    String trimmed = s.trim();
    if (trimmed.isEmpty()) {
      if (required) {
        throw ApiException.badRequest("'" + name + "' must not be empty");
      }
      return null;
    }
    if (trimmed.length() > maxLength) {
      throw ApiException.badRequest("'" + name + "' can be at most " + maxLength + " characters");
    }
    return trimmed;
  }

  /** A string taken as sent (message bodies keep their spaces); null when absent. */
  public static String raw(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value != null && !(value instanceof String)) {
      throw ApiException.badRequest("'" + name + "' must be a string");
    }
    return (String) value;
  }

  public static boolean bool(JsonObject body, String name, boolean fallback) {
    Object value = body.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw ApiException.badRequest("'" + name + "' must be true or false");
    }
    return b;
  }

  public static long longValue(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw ApiException.badRequest("'" + name + "' must be a whole number");
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
        throw ApiException.badRequest("'" + name + "' must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + name + "' must be a whole number");
    }
  }
}
