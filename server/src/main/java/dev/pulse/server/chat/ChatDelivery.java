package dev.pulse.server.chat;

import java.time.Instant;
import java.util.Collection;

/**
 * How chat reaches people's open connections, wherever they are connected. Chat decides what goes
 * to which users; the real-time edge implements this and knows the connections. Event loop only.
 */
public interface ChatDelivery {

  /**
   * A new message, to every connection of its recipient, each asked to confirm receipt
   * ({@code confirmed} runs once a connection of the recipient did), and to the sender's other
   * connections ({@code origin}, the connection it came from, is left out; null when it came over
   * REST). {@code request}: it belongs to a message request the recipient has not answered, and
   * is filed under their Requests.
   */
  void message(Message message, boolean request, String origin, Runnable confirmed);

  /**
   * The request from {@code requester} to {@code addressee} was answered ({@code ACCEPTED}, by
   * accepting or replying; or {@code DECLINED}): tells every connection of the addressee, and of
   * the requester only when it was accepted. A requester is never told of a decline.
   */
  void requestAnswered(String requester, String addressee, Standing.State state, Instant at);

  /**
   * Tells {@code sender} that {@code recipient}'s client confirmed the messages {@code ids}, and
   * that every message between them up to {@code upToId} is recorded delivered.
   */
  void delivered(String sender, String recipient, long upToId, Collection<Long> ids, Instant at);

  /**
   * Tells {@code reader}'s connections, and {@code with}'s when {@code toWith}, that {@code reader}
   * read {@code with}'s messages up to {@code upToId}.
   */
  void read(String reader, String with, boolean toWith, long upToId, Instant at);

  /** Tells both members of a conversation ({@code a} and {@code b}) that a reaction changed. */
  void reaction(String a, String b, Reactions.Change change);

  /** Tells {@code to} that {@code from} is (or stopped) typing. */
  void typing(String from, String to, boolean isTyping);
}
