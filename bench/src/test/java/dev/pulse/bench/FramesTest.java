package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.bench.Frames.Kind;
import dev.pulse.bench.Frames.Packet;
import org.junit.jupiter.api.Test;

class FramesTest {
  @Test
  void engineIoPackets() {
    assertThat(Frames.parse("0{\"sid\":\"abc\",\"pingInterval\":25000}"))
        .isEqualTo(new Packet(Kind.OPEN, Frames.NO_ACK, 1));
    assertThat(Frames.parse("2").kind()).isEqualTo(Kind.PING);
    assertThat(Frames.parse("1").kind()).isEqualTo(Kind.CLOSE);
    assertThat(Frames.parse("6").kind()).isEqualTo(Kind.OTHER);
    assertThat(Frames.parse("").kind()).isEqualTo(Kind.OTHER);
  }

  @Test
  void connectReplies() {
    assertThat(Frames.parse("40{\"sid\":\"x\"}")).isEqualTo(new Packet(Kind.CONNECT, Frames.NO_ACK, 2));
    Packet refused = Frames.parse("44{\"message\":\"invalid token\"}");
    assertThat(refused.kind()).isEqualTo(Kind.CONNECT_ERROR);
    assertThat("44{\"message\":\"invalid token\"}".substring(refused.dataStart())).startsWith("{\"message\"");
    assertThat(Frames.parse("41").kind()).isEqualTo(Kind.DISCONNECT);
  }

  @Test
  void eventWithoutAckId() {
    String frame = "42[\"online_count_update\",{\"count\":12}]";
    Packet p = Frames.parse(frame);
    assertThat(p).isEqualTo(new Packet(Kind.EVENT, Frames.NO_ACK, 2));
    assertThat(Frames.isEvent(frame, p.dataStart(), "online_count_update")).isTrue();
    assertThat(Frames.isEvent(frame, p.dataStart(), "online_count")).isFalse();
    assertThat(Frames.longField(frame, "count", p.dataStart(), -1)).isEqualTo(12);
  }

  @Test
  void eventAskingForAnAck() {
    String frame = "42917[\"new_message\",{\"id\":5,\"from\":\"a\",\"to\":\"b\",\"message\":\"hi\","
        + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"clientId\":\"12-345678\"}]";
    Packet p = Frames.parse(frame);
    assertThat(p.kind()).isEqualTo(Kind.EVENT);
    assertThat(p.ackId()).isEqualTo(917);
    assertThat(p.dataStart()).isEqualTo(5);
    assertThat(Frames.isEvent(frame, p.dataStart(), "new_message")).isTrue();
    assertThat(Frames.stringField(frame, "clientId", p.dataStart())).isEqualTo("12-345678");
    assertThat(Frames.stringField(frame, "missing", p.dataStart())).isNull();
    assertThat(Frames.longField(frame, "id", p.dataStart(), -1)).isEqualTo(5);
    assertThat(Frames.emptyAck(p.ackId())).isEqualTo("43917[]");
  }

  @Test
  void ackReplies() {
    String ok = "430[{\"ok\":true,\"id\":81,\"delivered\":true}]";
    assertThat(Frames.parse(ok)).isEqualTo(new Packet(Kind.ACK, 0, 3));
    String big = "432147483647[{}]";
    assertThat(Frames.parse(big).ackId()).isEqualTo(Integer.MAX_VALUE);
    assertThat(Frames.parse("4399999999999[{}]").ackId()).isEqualTo(Frames.NO_ACK);
  }

  @Test
  void writesEventsAndConnect() {
    assertThat(Frames.event(7, "send_message", "{\"to\":\"b\"}")).isEqualTo("427[\"send_message\",{\"to\":\"b\"}]");
    assertThat(Frames.event(Frames.NO_ACK, "activity", "{}")).isEqualTo("42[\"activity\",{}]");
    assertThat(Frames.connect("t.o.k")).isEqualTo("40{\"token\":\"t.o.k\"}");
    // what we write parses back to what we meant
    String sent = Frames.event(42, "send_message", "{}");
    assertThat(Frames.parse(sent)).isEqualTo(new Packet(Kind.EVENT, 42, 4));
    assertThat(Frames.isEvent(sent, 4, "send_message")).isTrue();
  }

  @Test
  void errorCodeOfAFailedAck() {
    String frame = "4312[{\"ok\":false,\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}]";
    assertThat(MessagesScenario.errorCode(frame, Frames.parse(frame).dataStart())).isEqualTo("rate_limited");
    assertThat(MessagesScenario.errorCode("43[{\"ok\":false}]", 2)).isEqualTo("no_error_code");
    assertThat(MessagesScenario.errorCode("43[not json", 2)).isEqualTo("unparsable_ack");
  }
}
