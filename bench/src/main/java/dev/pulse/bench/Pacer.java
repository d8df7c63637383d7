package dev.pulse.bench;

/**
 * Sends on a {@link RateSchedule}: wakes on the loop's nanosecond timer when the next message is
 * due and sends every message due by then (a late wake-up sends the backlog at once; it never
 * skips). Records how late each send left against its schedule, which is the load generator's
 * own share of every latency it reports. Event loop only.
 */
final class Pacer {
  /** Sends message {@code k}, due at {@code scheduledAt}. */
  interface Sender {
    void send(long k, long scheduledAt);
  }

  private final BenchLoop loop;
  private final Sender sender;
  private final LatencyHistogram lateness = new LatencyHistogram();
  private RateSchedule schedule;
  private long sent;
  private int generation;
  private boolean running;

  Pacer(BenchLoop loop, Sender sender) {
    this.loop = loop;
    this.sender = sender;
  }

  /** Starts sending {@code perSecond} messages a second from now, numbered from 0. */
  void start(long perSecond) {
    schedule = new RateSchedule(System.nanoTime(), perSecond);
    sent = 0;
    running = true;
    int current = ++generation;
    tick(current);
  }

  void stop() {
    running = false;
    generation++;
  }

  /** Lateness of the sends since the last {@link #resetLateness}. */
  LatencyHistogram lateness() {
    return lateness;
  }

  void resetLateness() {
    lateness.reset();
  }

  private void tick(int current) {
    if (!running || current != generation) {
      return;
    }
    long due = schedule.dueBy(System.nanoTime());
    while (sent < due) {
      long at = schedule.scheduledAt(sent);
      lateness.record(System.nanoTime() - at);
      sender.send(sent, at);
      sent++;
    }
    loop.schedule(() -> tick(current), schedule.scheduledAt(sent) - System.nanoTime());
  }
}
