package dev.pulse.server.profiles;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The filters a member saved for their dashboard: an age range, religion, mother tongue, city and
 * education; null filters nothing. Religion, mother tongue and city match whole (ignoring case),
 * education as a part of the profile's text ("B.Tech" finds "B.Tech, NIT Calicut").
 */
public record SavedFilters(Integer minAge, Integer maxAge, String religion, String motherTongue, String city,
    String education) {
  public static final SavedFilters NONE = new SavedFilters(null, null, null, null, null, null);
  // the lengths of the profile fields they match
  private static final int WORD_MAX = 40;
  private static final int CITY_MAX = 80;
  private static final int EDUCATION_MAX = 120;
  static final Set<String> FIELDS = Set.of("minAge", "maxAge", "religion", "motherTongue", "city", "education");

  /** Reads {@code {minAge?, maxAge?, religion?, motherTongue?, city?, education?}}; anything else is a {@code bad_request}. */
  public static SavedFilters from(JsonObject body) {
    for (String name : body.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw DomainException.invalid("'" + name + "' is not a filter; filters are " + String.join(", ",
            "minAge", "maxAge", "religion", "motherTongue", "city", "education"));
      }
    }
    Integer minAge = age(body, "minAge");
    Integer maxAge = age(body, "maxAge");
    if (minAge != null && maxAge != null && minAge > maxAge) {
      throw DomainException.invalid("'minAge' must not be above 'maxAge'");
    }
    return new SavedFilters(minAge, maxAge,
        Fields.string(body, "religion", false, WORD_MAX),
        Fields.string(body, "motherTongue", false, WORD_MAX),
        Fields.string(body, "city", false, CITY_MAX),
        Fields.string(body, "education", false, EDUCATION_MAX));
  }

  private static Integer age(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.intValue() < ProfileFields.MIN_AGE || n.intValue() > ProfileFields.MAX_AGE) {
      throw DomainException.invalid("'" + name + "' must be a whole number from " + ProfileFields.MIN_AGE + " to "
          + ProfileFields.MAX_AGE);
    }
    return n.intValue();
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  public JsonObject toJson() {
    return new JsonObject().put("minAge", minAge).put("maxAge", maxAge).put("religion", religion)
        .put("motherTongue", motherTongue).put("city", city).put("education", education);
  }
}
