package dev.pulse.server.interests;

/**
 * How changes to interests and shortlists reach people's open connections, wherever they are
 * connected; the real-time edge implements it. Event loop only.
 */
public interface InterestDelivery {

  /**
   * Tells both people that the interest from {@code from} to {@code to} is now {@code status}
   * ({@code pending}, {@code accepted}, {@code declined}, or {@code withdrawn}), changed by {@code by}.
   */
  void interestChanged(String from, String to, String status, String by, java.time.Instant at);

  /** Tells {@code owner}'s other tabs that {@code member} is now on (or off) their shortlist. */
  void shortlistChanged(String owner, String member, boolean shortlisted);
}
