package dev.pulse.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The presence state machine as data: connections, the grace period, away and busy, last seen.
 * No server, clock or timers: each step passes its time and the test reads the changes.
 */
class PresenceStateTest {
  static final Instant T0 = Instant.parse("2026-11-25T18:30:00Z");
  static final Instant SEEN_BEFORE = Instant.parse("2026-11-20T09:00:00Z");
  static final long AWAY_AFTER = 300_000;

  final PresenceState state = new PresenceState();
  final Set<String> priyaBlocked = new HashSet<>(Set.of("spammer"));

  static long at(long millisAfterT0) {
    return T0.toEpochMilli() + millisAfterT0;
  }

  static Instant instant(long millisAfterT0) {
    return Instant.ofEpochMilli(at(millisAfterT0));
  }

  @Test
  void firstConnectionComesOnlineWithTheSavedStatusAndLastSeen() {
    PresenceChange change = state.connected("priya", priyaBlocked,
        new SavedStatus(Status.BUSY, "In a meeting", SEEN_BEFORE), at(0));
    assertThat(change).isEqualTo(new PresenceChange.Online(
        new PresenceView("priya", Status.BUSY, "In a meeting", SEEN_BEFORE), priyaBlocked));
    assertThat(state.count()).isEqualTo(1);
    assertThat(state.sockets("priya")).isEqualTo(1);
  }

  @Test
  void furtherTabsChangeNothingOthersSee() {
    state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(0));
    assertThat(state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(10))).isNull();
    assertThat(state.sockets("priya")).isEqualTo(2);
    assertThat(state.disconnected("priya", instant(20))).as("one tab of two closed").isFalse();
    assertThat(state.closedAt("priya")).isNull();
    assertThat(state.view("priya").online()).isTrue();
  }

  @Test
  void lastConnectionClosedGoesOfflineOnlyWhenTheGracePeriodEnds() {
    state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(0));
    assertThat(state.disconnected("priya", instant(1_000))).as("the last one: grace starts").isTrue();
    assertThat(state.closedAt("priya")).isEqualTo(instant(1_000));
    // still counted and shown online while the grace period runs
    assertThat(state.count()).isEqualTo(1);
    assertThat(state.view("priya").status()).isEqualTo(Status.ONLINE);

    PresenceChange change = state.graceOver("priya", instant(1_000));
    assertThat(change).isEqualTo(new PresenceChange.Offline("priya", instant(1_000), priyaBlocked));
    assertThat(state.count()).isZero();
    assertThat(state.view("priya")).isNull();
  }

  @Test
  void reconnectWithinTheGracePeriodCancelsGoingOffline() {
    state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(0));
    state.disconnected("priya", instant(1_000));
    assertThat(state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(1_500)))
        .as("a reload is not a new arrival").isNull();
    assertThat(state.graceOver("priya", instant(1_000))).as("the old grace period ending").isNull();
    assertThat(state.view("priya").online()).isTrue();
  }

  @Test
  void aStaleGracePeriodDoesNotEndANewerOne() {
    state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(0));
    state.disconnected("priya", instant(1_000));
    state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(1_500));
    state.disconnected("priya", instant(2_000));
    assertThat(state.graceOver("priya", instant(1_000))).isNull();
    assertThat(state.graceOver("priya", instant(2_000)))
        .isEqualTo(new PresenceChange.Offline("priya", instant(2_000), priyaBlocked));
  }

  @Test
  void idleUserTurnsAwayAndAnyActivityBringsThemBack() {
    state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(0));
    assertThat(state.idleSince(at(-1))).as("active after the cutoff").isEmpty();
    assertThat(state.idleSince(at(AWAY_AFTER))).containsExactly(new PresenceChange.StatusChanged(
        new PresenceView("priya", Status.AWAY, null, null), priyaBlocked));
    assertThat(state.idleSince(at(AWAY_AFTER + 1_000))).as("told once").isEmpty();

    assertThat(state.activity("priya", at(AWAY_AFTER + 2_000))).isEqualTo(new PresenceChange.StatusChanged(
        new PresenceView("priya", Status.ONLINE, null, null), priyaBlocked));
    assertThat(state.activity("priya", at(AWAY_AFTER + 3_000))).as("already back").isNull();
  }

  @Test
  void aChosenStatusIsNotTurnedAwayAndOnlineClearsItsText() {
    state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(0));
    assertThat(state.choose("priya", Status.BUSY, "In a meeting", at(10))).isEqualTo(
        new PresenceChange.StatusChanged(new PresenceView("priya", Status.BUSY, "In a meeting", null), priyaBlocked));
    assertThat(state.idleSince(at(AWAY_AFTER * 10))).isEmpty();
    assertThat(state.choose("priya", Status.ONLINE, "ignored", at(20))).isEqualTo(
        new PresenceChange.StatusChanged(new PresenceView("priya", Status.ONLINE, null, null), priyaBlocked));
  }

  @Test
  void choosingWhileNotConnectedChangesNothingHere() {
    assertThat(state.choose("arjun", Status.BUSY, "Away for the weekend", at(0))).isNull();
    assertThat(state.count()).isZero();
  }

  @Test
  void aGracePeriodDoesNotTurnAnyoneAway() {
    state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(0));
    state.disconnected("priya", instant(1_000));
    assertThat(state.idleSince(at(AWAY_AFTER * 2))).isEmpty();
  }

  @Test
  void closingAConnectionNobodyOpenedIsIgnored() {
    assertThat(state.disconnected("ghost", instant(0))).isFalse();
    assertThat(state.graceOver("ghost", instant(0))).isNull();
    assertThat(state.activity("ghost", at(0))).isNull();
  }

  @Test
  void blocksMadeWhileOnlineShowInLaterChanges() {
    state.connected("priya", priyaBlocked, SavedStatus.NEVER_SEEN, at(0));
    priyaBlocked.add("arjun");
    assertThat(state.choose("priya", Status.BUSY, null, at(10)).hiddenFrom()).contains("arjun", "spammer");
  }
}
