package dev.pulse.server.profiles;

import java.util.Set;

/**
 * A dashboard list or search. Null fields do not filter. {@code onlyUsers} restricts the result
 * to those usernames (the online ones, for {@code online=true}).
 */
public record ProfileQuery(
    String viewer,
    Integer minAge,
    Integer maxAge,
    String gender,
    String city,
    String religion,
    String motherTongue,
    String education,
    String text,
    Set<String> onlyUsers,
    int page,
    int size) {

  /** A query without the mother tongue and education filters. */
  public ProfileQuery(String viewer, Integer minAge, Integer maxAge, String gender, String city, String religion,
      String text, Set<String> onlyUsers, int page, int size) {
    this(viewer, minAge, maxAge, gender, city, religion, null, null, text, onlyUsers, page, size);
  }

  public static ProfileQuery all(String viewer, int page, int size) {
    return new ProfileQuery(viewer, null, null, null, null, null, null, null, page, size);
  }

  /** This query narrowed by a member's saved filters. */
  public ProfileQuery with(SavedFilters f) {
    return new ProfileQuery(viewer, f.minAge(), f.maxAge(), gender, f.city(), f.religion(), f.motherTongue(),
        f.education(), text, onlyUsers, page, size);
  }

  /** This query keeping only {@code usernames}. */
  public ProfileQuery only(Set<String> usernames) {
    return new ProfileQuery(viewer, minAge, maxAge, gender, city, religion, motherTongue, education, text, usernames,
        page, size);
  }
}
