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
    String text,
    Set<String> onlyUsers,
    int page,
    int size) {

  public static ProfileQuery all(String viewer, int page, int size) {
    return new ProfileQuery(viewer, null, null, null, null, null, null, null, page, size);
  }
}
