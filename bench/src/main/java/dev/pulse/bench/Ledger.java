package dev.pulse.bench;

import java.util.BitSet;

/**
 * The accounts of one direction of a conversation (a sender to its partner): every message sent
 * by sequence number and when it was scheduled, which were answered and which acknowledged as
 * stored, and which reached the recipient. From these come the verdicts that fail a run: an
 * acknowledged message never received is lost; one received twice is a duplicate. The sequence
 * number is also the message's Socket.IO ack id. Event loop only.
 */
final class Ledger {
  /** What a received message was to this ledger. */
  enum Receipt {
    FIRST,
    DUPLICATE,
    UNKNOWN
  }

  /** What {@link #answer} returns for an answer to nothing outstanding. */
  static final long STRAY = Long.MIN_VALUE;

  // scheduled times of the messages not yet answered, in a ring indexed by sequence number
  private long[] scheduled = new long[64];
  private int sent;
  private int oldestOpen; // every sequence number below it is answered
  private int answeredCount;
  private final BitSet answered = new BitSet();
  private final BitSet acked = new BitSet();
  private final BitSet received = new BitSet();
  private long duplicates;
  private long unknown;
  private long stray;

  /** Records a send scheduled at {@code scheduledAt}; returns its sequence number. */
  int send(long scheduledAt) {
    if (sent - oldestOpen == scheduled.length) {
      grow();
    }
    scheduled[sent & (scheduled.length - 1)] = scheduledAt;
    return sent++;
  }

  private void grow() {
    long[] bigger = new long[scheduled.length * 2];
    for (int seq = oldestOpen; seq < sent; seq++) {
      bigger[seq & (bigger.length - 1)] = scheduled[seq & (scheduled.length - 1)];
    }
    scheduled = bigger;
  }

  /**
   * The server answered {@code seq} ({@code ok}: stored). Returns when it was scheduled, or
   * {@link #STRAY} for an answer to nothing outstanding (counted).
   */
  long answer(int seq, boolean ok) {
    if (seq < oldestOpen || seq >= sent || answered.get(seq)) {
      stray++;
      return STRAY;
    }
    long at = scheduled[seq & (scheduled.length - 1)];
    answered.set(seq);
    answeredCount++;
    if (ok) {
      acked.set(seq);
    }
    while (oldestOpen < sent && answered.get(oldestOpen)) {
      oldestOpen++;
    }
    return at;
  }

  /** The recipient got message {@code seq}. */
  Receipt receive(int seq) {
    if (seq < 0 || seq >= sent) {
      unknown++;
      return Receipt.UNKNOWN;
    }
    if (received.get(seq)) {
      duplicates++;
      return Receipt.DUPLICATE;
    }
    received.set(seq);
    return Receipt.FIRST;
  }

  int sent() {
    return sent;
  }

  int unanswered() {
    return sent - answeredCount;
  }

  int acked() {
    return acked.cardinality();
  }

  int received() {
    return received.cardinality();
  }

  /** Acknowledged as stored but never received. */
  int lost() {
    BitSet missing = (BitSet) acked.clone();
    missing.andNot(received);
    return missing.cardinality();
  }

  /** Answered with an error, yet received: the server refused a message and delivered it anyway. */
  int receivedDespiteError() {
    BitSet refused = (BitSet) answered.clone();
    refused.andNot(acked);
    refused.and(received);
    return refused.cardinality();
  }

  long duplicates() {
    return duplicates;
  }

  /** Received sequence numbers that were never sent (a message from elsewhere or garbled). */
  long unknown() {
    return unknown;
  }

  /** Answers to sequence numbers not outstanding. */
  long stray() {
    return stray;
  }

  /** Every message answered and every acknowledged one received: nothing more is coming. */
  boolean settled() {
    return unanswered() == 0 && received() >= acked() && lost() == 0;
  }
}
