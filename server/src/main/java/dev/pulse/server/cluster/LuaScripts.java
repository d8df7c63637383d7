package dev.pulse.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The cluster's Redis scripts, kept as {@code .lua} resources beside each other. */
final class LuaScripts {
  private LuaScripts() {}

  static String load(String name) {
    try (InputStream in = LuaScripts.class.getResourceAsStream("/cluster/" + name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("missing script /cluster/" + name + ".lua");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
