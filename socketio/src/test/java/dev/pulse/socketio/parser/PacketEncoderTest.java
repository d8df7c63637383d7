package dev.pulse.socketio.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PacketEncoderTest {

  @Test
  void connectReplyForCustomNamespace() {
    EncodedPacket e = PacketEncoder.encode(
        Packet.connect("/custom", new JsonObject().put("sid", "abc")));
    assertThat(e.text()).isEqualTo("0/custom,{\"sid\":\"abc\"}");
    assertThat(e.attachments()).isEmpty();
  }

  @Test
  void unknownNamespaceError() {
    assertThat(PacketEncoder.encode(Packet.connectError("/random",
        new JsonObject().put("message", "Invalid namespace"))).text())
        .isEqualTo("4/random,{\"message\":\"Invalid namespace\"}");
  }

  @Test
  void disconnectOfMainAndCustomNamespace() {
    assertThat(PacketEncoder.encode(Packet.disconnect("/")).text()).isEqualTo("1");
    assertThat(PacketEncoder.encode(Packet.disconnect("/chat")).text()).isEqualTo("1/chat,");
  }

  @Test
  void eventWithBinaryBecomesBinaryEventWithPlaceholdersInDepthFirstOrder() {
    JsonArray args = new JsonArray().add("message")
        .add(Buffer.buffer(new byte[] {1}))
        .add(new JsonObject().put("nested", new JsonArray().add(new byte[] {2})));
    EncodedPacket e = PacketEncoder.encode(Packet.event("/", args, 7));
    assertThat(e.text()).isEqualTo("52-7[\"message\",{\"_placeholder\":true,\"num\":0},"
        + "{\"nested\":[{\"_placeholder\":true,\"num\":1}]}]");
    assertThat(e.attachments()).containsExactly(
        Buffer.buffer(new byte[] {1}), Buffer.buffer(new byte[] {2}));
    // the caller's data is left untouched
    assertThat(args.getList().get(1)).isInstanceOf(Buffer.class);
  }

  @Test
  void ackWithBinaryBecomesBinaryAck() {
    EncodedPacket e = PacketEncoder.encode(
        Packet.ack("/", new JsonArray().add(Buffer.buffer("x")), 789));
    assertThat(e.text()).isEqualTo("61-789[{\"_placeholder\":true,\"num\":0}]");
  }

  @Test
  void encodeThenDecodeIsIdentity() throws Exception {
    JsonArray args = new JsonArray().add("e").add(1).add(2.5).add("ü€")
        .add(new JsonObject().put("z", 1).put("a", new JsonArray().add(false).addNull()));
    EncodedPacket e = PacketEncoder.encode(Packet.event("/x", args, 3));
    Packet back = new PacketDecoder().add(e.text());
    assertThat(back.namespace()).isEqualTo("/x");
    assertThat(back.id()).isEqualTo(3);
    assertThat(back.array().encode()).isEqualTo(args.encode());
  }
}
