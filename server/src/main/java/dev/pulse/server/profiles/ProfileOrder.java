package dev.pulse.server.profiles;

import java.util.Set;

/**
 * The order of a list of profiles: members online now first ({@code online}: those the viewer may
 * see online), then the recently active, last seen newest first, then those never seen, newest
 * member first. {@code lastSeenHidden} are members whose last seen the viewer may not know (they
 * blocked the viewer): they sort as never seen, so that the order gives away nothing either.
 */
public record ProfileOrder(Set<String> online, Set<String> lastSeenHidden) {
  /** Newest member first: no one online, no last seen. */
  public static final ProfileOrder NEWEST = new ProfileOrder(Set.of(), Set.of());
}
