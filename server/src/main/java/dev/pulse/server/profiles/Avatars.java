package dev.pulse.server.profiles;

import dev.pulse.server.profiles.photos.Photo;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The picture of a member without a profile photo: a drawn head-and-shoulders portrait whose
 * skin tone, hair, clothes, background and small details are picked from the username, so each
 * member keeps one look and a page of members does not repeat one face.
 */
public final class Avatars {
  private static final String[] BACKGROUNDS = {
    "#fde2e4", "#e2ece9", "#dfe7fd", "#fff1c1", "#e8dff5", "#d7f0f7", "#fce1c8", "#e4f1d9"
  };
  private static final String[] SKIN = {"#f2d3b1", "#e8b98f", "#d9a577", "#c68b5f", "#a9714b", "#8a5636"};
  private static final String[] HAIR = {"#1f1a17", "#2e221b", "#4a3326", "#6b4a35", "#3b3b3b"};
  private static final String[] CLOTHES = {
    "#c0392b", "#2e86c1", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#b03a5b", "#34495e", "#c99a06"
  };

  // the shapes, on a 128 x 128 canvas with the face centred at (64, 56)
  private static final String LONG_HAIR_BACK = "M36 58 Q34 22 64 22 Q94 22 92 58 L97 106 Q64 116 31 106 Z";
  private static final String BOB_BACK = "M37 60 Q35 24 64 24 Q93 24 91 60 L93 86 Q86 91 81 82 L47 82 Q42 91 35 86 Z";
  private static final String BUN = "M64 15 a11 11 0 1 0 0.1 0 Z";
  private static final String FRINGE = "M41 54 Q40 27 64 27 Q88 27 87 54 Q82 39 64 37 Q46 39 41 54 Z";
  private static final String SHORT = "M41 52 Q40 27 64 27 Q88 27 87 52 Q80 37 64 37 Q48 37 41 52 Z";
  private static final String SIDE_PART = "M41 55 Q37 25 67 27 Q91 29 87 51 Q77 36 58 40 Q47 43 41 55 Z";
  private static final String BEARD = "M43 60 Q45 87 64 89 Q83 87 85 60 Q80 76 64 78 Q48 76 43 60 Z";

  private Avatars() {}

  /** Where {@code p}'s picture is served: the thumbnail of their profile photo, else the portrait. */
  public static String urlOf(Profile p) {
    return p.photoId() != null ? Photo.url(p.photoId(), Photo.Size.THUMB) : "/api/avatars/" + p.username() + ".svg";
  }

  /** The portrait of {@code p} as an SVG document. */
  public static byte[] svg(Profile p) {
    return svg(p.username(), p.gender());
  }

  static byte[] svg(String username, String gender) {
    SplittableRandom pick = new SplittableRandom(username.hashCode() * 0x9E3779B97F4A7C15L);
    String background = any(pick, BACKGROUNDS);
    String skin = any(pick, SKIN);
    String hair = any(pick, HAIR);
    String clothes = any(pick, CLOTHES);
    boolean feminine = "female".equals(gender) || ("other".equals(gender) && pick.nextBoolean());
    int style = pick.nextInt(3);
    boolean glasses = pick.nextInt(4) == 0;
    boolean detail = pick.nextInt(3) == 0;

    StringBuilder svg = new StringBuilder(1200)
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"128\" height=\"128\" viewBox=\"0 0 128 128\">")
        .append("<rect width=\"128\" height=\"128\" fill=\"").append(background).append("\"/>");
    if (feminine && style == 0) {
      path(svg, LONG_HAIR_BACK, hair);
    } else if (feminine && style == 2) {
      path(svg, BOB_BACK, hair);
    }
    path(svg, "M18 128 Q20 95 64 91 Q108 95 110 128 Z", clothes);
    svg.append("<rect x=\"56\" y=\"74\" width=\"16\" height=\"22\" rx=\"7\" fill=\"").append(skin).append("\"/>")
        .append("<ellipse cx=\"42\" cy=\"58\" rx=\"4\" ry=\"6\" fill=\"").append(skin).append("\"/>")
        .append("<ellipse cx=\"86\" cy=\"58\" rx=\"4\" ry=\"6\" fill=\"").append(skin).append("\"/>")
        .append("<ellipse cx=\"64\" cy=\"56\" rx=\"22\" ry=\"26\" fill=\"").append(skin).append("\"/>");
    if (feminine) {
      if (style == 1) {
        path(svg, BUN, hair);
      }
      path(svg, FRINGE, hair);
      if (detail) {
        svg.append("<circle cx=\"64\" cy=\"46\" r=\"1.9\" fill=\"#c0392b\"/>");
      }
      svg.append("<circle cx=\"42\" cy=\"66\" r=\"2.2\" fill=\"#e0b43a\"/><circle cx=\"86\" cy=\"66\" r=\"2.2\" fill=\"#e0b43a\"/>");
    } else {
      path(svg, style == 1 ? SIDE_PART : SHORT, hair);
      if (style == 2 || detail) {
        path(svg, BEARD, hair);
      }
    }
    svg.append("<circle cx=\"55\" cy=\"57\" r=\"2.6\" fill=\"#2b2523\"/><circle cx=\"73\" cy=\"57\" r=\"2.6\" fill=\"#2b2523\"/>")
        .append("<path d=\"M56 69 Q64 75 72 69\" stroke=\"#7a3b2e\" stroke-width=\"2.4\" fill=\"none\" stroke-linecap=\"round\"/>");
    if (glasses) {
      svg.append("<g fill=\"none\" stroke=\"#2f2f2f\" stroke-width=\"2\"><circle cx=\"55\" cy=\"57\" r=\"7\"/>")
          .append("<circle cx=\"73\" cy=\"57\" r=\"7\"/><path d=\"M62 57 h4\"/></g>");
    }
    return svg.append("</svg>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void path(StringBuilder svg, String d, String fill) {
    svg.append("<path d=\"").append(d).append("\" fill=\"").append(fill).append("\"/>");
  }

  private static String any(SplittableRandom pick, String[] choices) {
    return choices[pick.nextInt(choices.length)];
  }
}
