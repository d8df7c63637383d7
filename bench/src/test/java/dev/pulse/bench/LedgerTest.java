package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.bench.Ledger.Receipt;
import org.junit.jupiter.api.Test;

class LedgerTest {
  @Test
  void everyAckedMessageReceivedOnceIsSettled() {
    Ledger l = new Ledger();
    for (int i = 0; i < 3; i++) {
      assertThat(l.send(100 + i)).isEqualTo(i);
    }
    assertThat(l.unanswered()).isEqualTo(3);
    assertThat(l.settled()).isFalse();
    assertThat(l.answer(1, true)).isEqualTo(101);
    assertThat(l.answer(0, true)).isEqualTo(100);
    assertThat(l.answer(2, true)).isEqualTo(102);
    assertThat(l.receive(2)).isEqualTo(Receipt.FIRST);
    assertThat(l.receive(0)).isEqualTo(Receipt.FIRST);
    assertThat(l.settled()).as("message 1 is acked but not received yet").isFalse();
    assertThat(l.lost()).isEqualTo(1);
    assertThat(l.receive(1)).isEqualTo(Receipt.FIRST);
    assertThat(l.settled()).isTrue();
    assertThat(l.lost()).isZero();
    assertThat(l.sent()).isEqualTo(3);
    assertThat(l.acked()).isEqualTo(3);
    assertThat(l.received()).isEqualTo(3);
  }

  @Test
  void anAckedMessageNeverReceivedIsLost() {
    Ledger l = new Ledger();
    l.send(0);
    l.send(0);
    l.answer(0, true);
    l.answer(1, true);
    l.receive(1);
    assertThat(l.lost()).isEqualTo(1);
    assertThat(l.unanswered()).isZero();
    assertThat(l.settled()).isFalse();
  }

  @Test
  void aMessageReceivedTwiceIsADuplicate() {
    Ledger l = new Ledger();
    l.send(0);
    l.answer(0, true);
    assertThat(l.receive(0)).isEqualTo(Receipt.FIRST);
    assertThat(l.receive(0)).isEqualTo(Receipt.DUPLICATE);
    assertThat(l.duplicates()).isEqualTo(1);
    assertThat(l.received()).isEqualTo(1);
  }

  @Test
  void refusedMessagesAreNotLostButMustNotArrive() {
    Ledger l = new Ledger();
    l.send(0);
    l.send(0);
    l.answer(0, false);
    l.answer(1, false);
    assertThat(l.acked()).isZero();
    assertThat(l.lost()).isZero();
    assertThat(l.settled()).isTrue();
    l.receive(1);
    assertThat(l.receivedDespiteError()).isEqualTo(1);
  }

  @Test
  void answersAndReceiptsOfNothingAreCounted() {
    Ledger l = new Ledger();
    l.send(7);
    assertThat(l.answer(5, true)).isEqualTo(Ledger.STRAY);
    assertThat(l.answer(0, true)).isEqualTo(7);
    assertThat(l.answer(0, true)).as("answered twice").isEqualTo(Ledger.STRAY);
    assertThat(l.stray()).isEqualTo(2);
    assertThat(l.receive(3)).isEqualTo(Receipt.UNKNOWN);
    assertThat(l.receive(-1)).isEqualTo(Receipt.UNKNOWN);
    assertThat(l.unknown()).isEqualTo(2);
  }

  @Test
  void thousandsOutstandingKeepTheirScheduledTimes() {
    Ledger l = new Ledger();
    for (int i = 0; i < 5_000; i++) {
      l.send(1_000_000L * i);
      if (i % 3 == 0) {
        l.answer(i, true); // some answered early, most left open: the ring grows past them
      }
    }
    assertThat(l.unanswered()).isEqualTo(5_000 - 1_667);
    for (int i = 4_999; i >= 0; i--) {
      if (i % 3 != 0) {
        assertThat(l.answer(i, true)).isEqualTo(1_000_000L * i);
      }
    }
    assertThat(l.unanswered()).isZero();
    assertThat(l.send(42)).isEqualTo(5_000);
    assertThat(l.answer(5_000, true)).isEqualTo(42);
  }
}
