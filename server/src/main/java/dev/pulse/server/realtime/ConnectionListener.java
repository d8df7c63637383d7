package dev.pulse.server.realtime;

import dev.pulse.server.members.Member;

/** Told when an authenticated connection opens and closes; on the event loop. */
public interface ConnectionListener {
  /** {@code session} is connected and counts from now on; {@code member} is its user. */
  void opened(Session session, Member member);

  /** A connection that was {@link #opened} closed. */
  void closed(Session session);
}
