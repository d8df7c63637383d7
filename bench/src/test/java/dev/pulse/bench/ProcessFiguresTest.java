package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading the server's CPU time and heap from what Linux and jcmd print. */
class ProcessFiguresTest {
  @Test
  void cpuTicksFromProcStatEvenWithSpacesInTheCommand() {
    // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 5 0\n";
    assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1234 + 567);
    assertThat(ProcStat.ticksToMillis(250)).isEqualTo(2500.0);
  }

  @Test
  void heapUsedOfSerialGcIsBothGenerations() {
    String info = """
        23578:
         def new generation   total 19648K, used 14079K [0x00000000fc000000, 0x00000000fd550000, 0x00000000fd550000)
          eden space 17472K,  80% used [0x00000000fc000000, 0x00000000fcdbfdf8, 0x00000000fd110000)
          from space 2176K,   0% used [0x00000000fd110000, 0x00000000fd110000, 0x00000000fd330000)
          to   space 2176K,   0% used [0x00000000fd330000, 0x00000000fd330000, 0x00000000fd550000)
         tenured generation   total 43712K, used 1000K [0x00000000fd550000, 0x0000000100000000, 0x0000000100000000)
           the space 43712K,   2% used [0x00000000fd550000, 0x00000000fd550000, 0x00000000fd550200, 0x0000000100000000)
         Metaspace       used 8938K, committed 9088K, reserved 1114112K
          class space    used 1062K, committed 1152K, reserved 1048576K
        """;
    assertThat(ServerProcess.heapUsedKiB(info)).isEqualTo(OptionalLong.of(14079 + 1000));
  }

  @Test
  void heapUsedOfG1() {
    String info = """
        23579:
         garbage-first heap   total 65536K, used 7391K [0x00000000fc000000, 0x0000000100000000)
          region size 1024K, 4 young (4096K), 1 survivors (1024K)
         Metaspace       used 8900K, committed 9088K, reserved 1114112K
          class space    used 1062K, committed 1152K, reserved 1048576K
        """;
    assertThat(ServerProcess.heapUsedKiB(info)).isEqualTo(OptionalLong.of(7391));
    assertThat(ServerProcess.heapUsedKiB("12: not attached")).isEmpty();
  }

  @Test
  void runTagsMakeValidUsernames() {
    String tag = Registration.randomTag(new Random(1), 4);
    assertThat(tag).matches("[a-z0-9]{4}");
    assertThat(Registration.username(tag, 999_999)).matches("[a-z0-9_.]{3,32}");
  }
}
