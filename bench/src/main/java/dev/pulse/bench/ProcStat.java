package dev.pulse.bench;

/** Reading {@code /proc/<pid>/stat}, whose second field (the command) may contain spaces. */
final class ProcStat {
  /** Clock ticks per second of utime and stime ({@code getconf CLK_TCK}; 100 on Linux). */
  static final long TICKS_PER_SECOND = 100;

  private ProcStat() {}

  /** utime + stime (fields 14 and 15) in clock ticks. */
  static long cpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc stat line");
    }
    // after "pid (comm) " the fields start at number 3 (state)
    String[] fields = stat.substring(close + 2).trim().split(" ");
    return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
  }

  static double ticksToMillis(long ticks) {
    return ticks * 1000.0 / TICKS_PER_SECOND;
  }
}
