package dev.pulse.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads typed values from environment variables, collecting every problem before failing. */
final class EnvReader {
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  /** A setting no longer read: set, it stops the start with what replaced it. */
  void retired(String name, String instead) {
    if (env.get(name) != null) {
      problems.add(name + " is no longer read: " + instead);
    }
  }

  String string(String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  int integer(String name, int fallback, int min, int max) {
    return (int) number(name, fallback, min, max);
  }

  long number(String name, long fallback, long min, long max) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        problems.add(name + " must be between " + min + " and " + max + ", got " + value);
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number, got '" + value + "'");
      return fallback;
    }
  }

  boolean bool(String name, boolean fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    switch (value.toLowerCase()) {
      case "true", "1", "yes", "on":
        return true;
      case "false", "0", "no", "off":
        return false;
      default:
        problems.add(name + " must be true or false, got '" + value + "'");
        return fallback;
    }
  }

  void failIfInvalid() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
    }
  }
}
