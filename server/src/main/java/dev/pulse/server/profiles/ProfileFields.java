package dev.pulse.server.profiles;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates profile fields from a register or edit request. Limits match the schema. */
public final class ProfileFields {
  public static final Pattern USERNAME = Pattern.compile("[a-z0-9_.]{3,32}");
  public static final Set<String> GENDERS = Set.of("female", "male", "other");
  static final int MIN_AGE = 18;
  static final int MAX_AGE = 100;

  private ProfileFields() {}

  /** A username as typed: trimmed and lower-cased, then checked. */
  public static String username(JsonObject body) {
    String raw = Fields.string(body, "username", true, 32).toLowerCase();
    if (!USERNAME.matcher(raw).matches()) {
      throw DomainException.invalid("'username' must be 3-32 characters of a-z, 0-9, '_' and '.'");
    }
    return raw;
  }

  /** A new member's profile: display name, gender and date of birth are required. */
  public static Profile forNew(String username, JsonObject body, LocalDate today) {
    Profile blank = new Profile(username, null, null, null, null, null, null, null, null, null, null, null, null);
    refusePhotoUrl(body);
    Profile p = merged(blank, body, today);
    if (p.displayName() == null) {
      throw DomainException.invalid("'displayName' is required");
    }
    if (p.gender() == null) {
      throw DomainException.invalid("'gender' is required");
    }
    if (p.dateOfBirth() == null) {
      throw DomainException.invalid("'dateOfBirth' is required");
    }
    return p;
  }

  /** {@code current} with the fields present in {@code body} replaced (null clears optional ones). */
  public static Profile merged(Profile current, JsonObject body, LocalDate today) {
    refusePhotoUrl(body);
    return new Profile(
        current.username(),
        has(body, "displayName") ? Fields.string(body, "displayName", true, 80) : current.displayName(),
        has(body, "gender") ? gender(body) : current.gender(),
        has(body, "dateOfBirth") ? dateOfBirth(body, today) : current.dateOfBirth(),
        optional(body, "city", 80, current.city()),
        optional(body, "country", 80, current.country()),
        optional(body, "religion", 40, current.religion()),
        optional(body, "motherTongue", 40, current.motherTongue()),
        optional(body, "education", 120, current.education()),
        optional(body, "occupation", 120, current.occupation()),
        has(body, "heightCm") ? height(body) : current.heightCm(),
        optional(body, "about", 2000, current.about()),
        current.photoId());
  }

  private static boolean has(JsonObject body, String name) {
    return body.containsKey(name);
  }

  private static String optional(JsonObject body, String name, int max, String current) {
    return has(body, name) ? Fields.string(body, name, false, max) : current;
  }

  private static String gender(JsonObject body) {
    String g = Fields.string(body, "gender", true, 16).toLowerCase();
    if (!GENDERS.contains(g)) {
      throw DomainException.invalid("'gender' must be female, male or other");
    }
    return g;
  }

  private static LocalDate dateOfBirth(JsonObject body, LocalDate today) {
    String raw = Fields.string(body, "dateOfBirth", true, 10);
    LocalDate date;
    try {
      date = LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid("'dateOfBirth' must be a date like 1994-03-21");
    }
    if (date.plusYears(MIN_AGE).isAfter(today) || !date.plusYears(MAX_AGE + 1L).isAfter(today)) {
      throw DomainException.invalid("'dateOfBirth': members must be " + MIN_AGE + " to " + MAX_AGE + " years old");
    }
    return date;
  }

  private static Integer height(JsonObject body) {
    Object value = body.getValue("heightCm");
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.intValue() != n.doubleValue() || n.intValue() < 100 || n.intValue() > 250) {
      throw DomainException.invalid("'heightCm' must be a whole number from 100 to 250");
    }
    return n.intValue();
  }

  /**
   * A profile shows only photos Pulse serves: an address elsewhere would tell whoever runs that
   * server who looked at the profile, when, and from where.
   */
  private static void refusePhotoUrl(JsonObject body) {
    if (body.getValue("photoUrl") != null) {
      throw DomainException.invalid("'photoUrl' cannot be set: upload the photo to Pulse (POST /api/me/photos)");
    }
  }
}
