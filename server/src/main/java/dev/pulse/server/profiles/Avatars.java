package dev.pulse.server.profiles;

import java.nio.charset.StandardCharsets;

/** Generated avatars: the initials of a name on a colour derived from the username. */
public final class Avatars {
  private static final String[] COLOURS = {
    "#e35d6a", "#f08c4a", "#d4a72c", "#4caf7a", "#2f9e9e", "#3b82c4", "#6a5acd", "#b05cc6", "#d9578f", "#8d6e63"
  };

  private Avatars() {}

  public static String urlOf(Profile p) {
    return p.photoUrl() != null ? p.photoUrl() : "/api/avatars/" + p.username() + ".svg";
  }

  /** An SVG image for {@code username} showing the initials of {@code displayName}. */
  public static byte[] svg(String username, String displayName) {
    String colour = COLOURS[Math.floorMod(username.hashCode(), COLOURS.length)];
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"128\" height=\"128\" viewBox=\"0 0 128 128\">"
        + "<rect width=\"128\" height=\"128\" fill=\"" + colour + "\"/>"
        + "<text x=\"64\" y=\"64\" dy=\"0.35em\" text-anchor=\"middle\""
        + " font-family=\"Segoe UI, Helvetica, Arial, sans-serif\""
        + " font-size=\"52\" font-weight=\"600\" fill=\"#ffffff\">" + escape(initials(displayName)) + "</text></svg>";
    return svg.getBytes(StandardCharsets.UTF_8);
  }

  static String initials(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.trim().split("\\s+")) {
      if (!part.isEmpty() && out.length() < 2) {
        out.appendCodePoint(Character.toUpperCase(part.codePointAt(0)));
      }
    }
    return out.length() == 0 ? "?" : out.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
