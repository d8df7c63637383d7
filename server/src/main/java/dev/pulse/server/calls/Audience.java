package dev.pulse.server.calls;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who hears of a change to a call: particular connections (the two in an answered call), every
 * connection of some users (a callee's ringing devices), minus one connection (the one that acted,
 * which hears through its ack).
 */
public record Audience(Set<String> sockets, Set<String> users, String except) {

  public static Audience none() {
    return new Audience(Set.of(), Set.of(), null);
  }

  /** Every connection of {@code username}. */
  public static Audience user(String username) {
    return new Audience(Set.of(), Set.of(username), null);
  }

  /** One connection (none for null). */
  public static Audience socket(String socket) {
    return new Audience(socket == null ? Set.of() : Set.of(socket), Set.of(), null);
  }

  /** Those of both audiences. */
  public Audience and(Audience other) {
    Set<String> s = new LinkedHashSet<>(sockets);
    s.addAll(other.sockets);
    Set<String> u = new LinkedHashSet<>(users);
    u.addAll(other.users);
    return new Audience(Set.copyOf(s), Set.copyOf(u), except != null ? except : other.except);
  }

  /** The same without the connection {@code socket}. */
  public Audience except(String socket) {
    return new Audience(sockets, users, socket);
  }

  public boolean isEmpty() {
    Set<String> left = new LinkedHashSet<>(sockets);
    left.remove(except);
    return left.isEmpty() && users.isEmpty();
  }
}
