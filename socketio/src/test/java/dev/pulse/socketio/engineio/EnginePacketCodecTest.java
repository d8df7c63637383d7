package dev.pulse.socketio.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.socketio.engineio.EnginePacketCodec.EngineParseException;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnginePacketCodecTest {

  @Test
  void payloadJoinsPacketsWithRecordSeparatorAndBase64sBinary() {
    String payload = EnginePacketCodec.encodePayload(List.of(
        EnginePacket.message("hello"), EnginePacket.message(Buffer.buffer(new byte[] {1, 2, 3, 4})),
        EnginePacket.PING));
    assertThat(payload).isEqualTo("4hello\u001ebAQIDBA==\u001e2");
  }

  @Test
  void payloadDecodesTextAndBinary() throws Exception {
    List<EnginePacket> packets = EnginePacketCodec.decodePayload("4hello\u001ebAQIDBA==\u001e3");
    assertThat(packets).hasSize(3);
    assertThat(packets.get(0)).isEqualTo(EnginePacket.message("hello"));
    assertThat(packets.get(1).data()).isEqualTo(Buffer.buffer(new byte[] {1, 2, 3, 4}));
    assertThat(packets.get(2).type()).isEqualTo(EnginePacketType.PONG);
  }

  @Test
  void probeKeepsItsData() throws Exception {
    EnginePacket probe = EnginePacketCodec.decodeText("2probe");
    assertThat(probe.type()).isEqualTo(EnginePacketType.PING);
    assertThat(probe.data()).isEqualTo("probe");
    assertThat(EnginePacketCodec.encodeText(new EnginePacket(EnginePacketType.PONG, "probe")))
        .isEqualTo("3probe");
  }

  @Test
  void invalidPacketsAreRejected() {
    for (String bad : List.of("", "a", "9", "b!!!", "4a\u001e\u001e4b")) {
      assertThatThrownBy(() -> EnginePacketCodec.decodePayload(bad))
          .as(bad).isInstanceOf(EngineParseException.class);
    }
  }
}
