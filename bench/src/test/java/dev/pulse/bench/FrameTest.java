package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.bench.Frame.Kind;
import org.junit.jupiter.api.Test;

class FrameTest {
  private static final byte[] COUNT = Frame.ascii("\"count\":");

  @Test
  void engineIoPackets() {
    Frame open = Frame.of("0{\"sid\":\"abc\",\"pingInterval\":25000}");
    assertThat(open.kind()).isEqualTo(Kind.OPEN);
    assertThat(open.dataStart()).isEqualTo(1);
    assertThat(Frame.of("2").kind()).isEqualTo(Kind.PING);
    assertThat(Frame.of("1").kind()).isEqualTo(Kind.CLOSE);
    assertThat(Frame.of("6").kind()).isEqualTo(Kind.OTHER);
    assertThat(Frame.of("").kind()).isEqualTo(Kind.OTHER);
  }

  @Test
  void connectReplies() {
    Frame ok = Frame.of("40{\"sid\":\"x\"}");
    assertThat(ok.kind()).isEqualTo(Kind.CONNECT);
    assertThat(ok.ackId()).isEqualTo(Frame.NO_ACK);
    Frame refused = Frame.of("44{\"message\":\"invalid token\"}");
    assertThat(refused.kind()).isEqualTo(Kind.CONNECT_ERROR);
    assertThat(refused.data()).isEqualTo("{\"message\":\"invalid token\"}");
    assertThat(Frame.of("41").kind()).isEqualTo(Kind.DISCONNECT);
  }

  @Test
  void eventWithoutAckId() {
    Frame f = Frame.of("42[\"online_count_update\",{\"count\":12}]");
    assertThat(f.kind()).isEqualTo(Kind.EVENT);
    assertThat(f.ackId()).isEqualTo(Frame.NO_ACK);
    assertThat(f.isEvent(Frame.ascii("\"online_count_update\""))).isTrue();
    assertThat(f.isEvent(Frame.ascii("\"online_count\""))).isFalse();
    assertThat(f.longField(COUNT, -1)).isEqualTo(12);
    assertThat(f.longField(Frame.ascii("\"missing\":"), -1)).isEqualTo(-1);
  }

  @Test
  void eventAskingForAnAckIsReadInPlace() {
    Frame f = Frame.of("42917[\"new_message\",{\"id\":5,\"from\":\"a\",\"to\":\"b\",\"message\":\"hi\","
        + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"clientId\":\"12-345678\"}]");
    assertThat(f.kind()).isEqualTo(Kind.EVENT);
    assertThat(f.ackId()).isEqualTo(917);
    assertThat(f.dataStart()).isEqualTo(5);
    assertThat(f.isEvent(Talker.NEW_MESSAGE)).isTrue();
    assertThat(f.stringField(Frame.ascii("\"clientId\":"))).isEqualTo("12-345678");
    assertThat(f.stringField(Frame.ascii("\"missing\":"))).isNull();
    assertThat(f.longField(Frame.ascii("\"id\":"), -1)).isEqualTo(5);
    assertThat(f.contains(Frame.ascii("\"from\":\"a\""))).isTrue();
    assertThat(f.contains(Frame.ascii("\"from\":\"b\""))).isFalse();
    assertThat(Frames.emptyAck(f.ackId())).isEqualTo("43917[]");
  }

  @Test
  void anEventWithoutArgumentsIsStillThatEvent() {
    assertThat(Frame.of("42[\"ping_me\"]").isEvent(Frame.ascii("\"ping_me\""))).isTrue();
    assertThat(Frame.of("42[\"ping_meter\"]").isEvent(Frame.ascii("\"ping_me\""))).isFalse();
    assertThat(Frame.of("43[\"ping_me\"]").isEvent(Frame.ascii("\"ping_me\""))).isFalse();
  }

  @Test
  void ackReplies() {
    Frame ok = Frame.of("430[{\"ok\":true,\"id\":81,\"delivered\":true}]");
    assertThat(ok.kind()).isEqualTo(Kind.ACK);
    assertThat(ok.ackId()).isZero();
    assertThat(ok.dataStart()).isEqualTo(3);
    assertThat(Frame.of("432147483647[{}]").ackId()).isEqualTo(Integer.MAX_VALUE);
    assertThat(Frame.of("4399999999999[{}]").ackId()).isEqualTo(Frame.NO_ACK);
  }

  @Test
  void negativeNumbersAndTheirEnd() {
    Frame f = Frame.of("42[\"x\",{\"n\":-42,\"m\":7}]");
    int at = f.valueOf(Frame.ascii("\"n\":"));
    assertThat(f.number(at, 0)).isEqualTo(-42);
    assertThat(f.at(at + 3)).isEqualTo((byte) ',');
    assertThat(f.at(f.length())).isZero();
  }

  @Test
  void oneFrameObjectReadsFrameAfterFrame() {
    Frame f = new Frame();
    for (String text : new String[] {"42[\"a\",{\"count\":1}]", "2", "42[\"b\",{\"count\":123456}]"}) {
      byte[] bytes = Frame.ascii(text);
      System.arraycopy(bytes, 0, f.buffer(bytes.length), 0, bytes.length);
      f.parse(bytes.length);
      assertThat(f.toString()).isEqualTo(text);
    }
    assertThat(f.isEvent(Frame.ascii("\"b\""))).isTrue();
    assertThat(f.longField(COUNT, -1)).isEqualTo(123456);
    byte[] big = new byte[10_000];
    assertThat(f.buffer(big.length)).hasSizeGreaterThanOrEqualTo(10_000);
  }

  @Test
  void writesEventsAndConnect() {
    assertThat(Frames.event(7, "send_message", "{\"to\":\"b\"}")).isEqualTo("427[\"send_message\",{\"to\":\"b\"}]");
    assertThat(Frames.event(Frame.NO_ACK, "activity", "{}")).isEqualTo("42[\"activity\",{}]");
    assertThat(Frames.connect("t.o.k")).isEqualTo("40{\"token\":\"t.o.k\"}");
    Frame back = Frame.of(Frames.event(42, "send_message", "{}"));
    assertThat(back.ackId()).isEqualTo(42);
    assertThat(back.isEvent(Frame.ascii("\"send_message\""))).isTrue();
  }

  @Test
  void errorCodeOfAFailedAck() {
    assertThat(Frames.errorCode(Frame.of("4312[{\"ok\":false,\"error\":{\"code\":\"rate_limited\",\"message\":\"x\"}}]")))
        .isEqualTo("rate_limited");
    assertThat(Frames.errorCode(Frame.of("431[{\"ok\":false}]"))).isEqualTo("no_error_code");
    assertThat(Frames.errorCode(Frame.of("431[not json"))).isEqualTo("unparsable_ack");
  }
}
