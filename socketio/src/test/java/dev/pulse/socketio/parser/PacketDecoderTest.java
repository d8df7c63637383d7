package dev.pulse.socketio.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketDecoderTest {

  private final PacketDecoder decoder = new PacketDecoder();

  @Test
  void connectToMainNamespaceWithoutPayload() throws Exception {
    Packet p = decoder.add("0");
    assertThat(p.type()).isEqualTo(PacketType.CONNECT);
    assertThat(p.namespace()).isEqualTo("/");
    assertThat(p.data()).isNull();
  }

  @Test
  void namespaceWithoutTrailingCommaIsValid() throws Exception {
    Packet p = decoder.add("0/custom");
    assertThat(p.namespace()).isEqualTo("/custom");
    assertThat(decoder.add("0/custom,").namespace()).isEqualTo("/custom");
  }

  @Test
  void connectCarriesAuthObject() throws Exception {
    Packet p = decoder.add("0/admin,{\"token\":\"123\"}");
    assertThat(p.namespace()).isEqualTo("/admin");
    assertThat(((JsonObject) p.data()).getString("token")).isEqualTo("123");
  }

  @Test
  void eventWithAckIdKeepsIntegerTypesAndKeyOrder() throws Exception {
    Packet p = decoder.add("2456[\"message\",1,\"2\",{\"3\":[true],\"a\":2}]");
    assertThat(p.type()).isEqualTo(PacketType.EVENT);
    assertThat(p.id()).isEqualTo(456);
    assertThat(p.array().getValue(1)).isInstanceOf(Integer.class);
    assertThat(PacketEncoder.encode(Packet.event("/", p.array(), Packet.NO_ID)).text())
        .isEqualTo("2[\"message\",1,\"2\",{\"3\":[true],\"a\":2}]");
  }

  @Test
  void hugeNumbersSurviveARoundTrip() throws Exception {
    Packet p = decoder.add("2[\"e\",123456789012345678901234567890,1.50,1e400]");
    assertThat(p.array().getValue(1)).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(PacketEncoder.encode(p).text())
        .isEqualTo("2[\"e\",123456789012345678901234567890,1.50,1E+400]");
  }

  @Test
  void binaryEventWaitsForItsAttachments() throws Exception {
    assertThat(decoder.add(
        "52-[\"message\",{\"_placeholder\":true,\"num\":0},{\"a\":{\"_placeholder\":true,\"num\":1}}]"))
        .isNull();
    assertThat(decoder.add(Buffer.buffer(new byte[] {1, 2, 3}))).isNull();
    Packet p = decoder.add(Buffer.buffer(new byte[] {4, 5, 6}));
    assertThat(p.type()).isEqualTo(PacketType.BINARY_EVENT);
    // Binary arrives as Buffer (JsonArray.getValue would show it as base64; getBuffer does not).
    assertThat(p.array().getList().get(1)).isEqualTo(Buffer.buffer(new byte[] {1, 2, 3}));
    assertThat(p.array().getJsonObject(2).getBuffer("a")).isEqualTo(Buffer.buffer(new byte[] {4, 5, 6}));
  }

  @Test
  void binaryAckCarriesIdAndAttachments() throws Exception {
    assertThat(decoder.add("61-/custom,789[{\"_placeholder\":true,\"num\":0}]")).isNull();
    Packet p = decoder.add(Buffer.buffer("x"));
    assertThat(p.type()).isEqualTo(PacketType.BINARY_ACK);
    assertThat(p.namespace()).isEqualTo("/custom");
    assertThat(p.id()).isEqualTo(789);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "abc", "9", "2", "2{}", "2[]", "2abc[\"e\"]", "2[\"connect\"]", "2[true]", "2[\"e\"",
      "2[\"e\"]garbage", "1{}", "3[]", "0[]", "0\"str\"", "5[\"e\"]", "5-[\"e\"]", "5x-[\"e\"]",
      "511-[\"e\"]", "50-[\"e\"]", "21234567890123456789[\"e\"]", "4", "2/nsp,[\"e\",]"})
  void malformedPacketsAreRejected(String text) {
    assertThatThrownBy(() -> new PacketDecoder().add(text))
        .isInstanceOf(PacketParseException.class);
  }

  @Test
  void binaryDataWithoutAHeaderIsRejected() {
    assertThatThrownBy(() -> decoder.add(Buffer.buffer("x")))
        .isInstanceOf(PacketParseException.class);
  }

  @Test
  void textWhileAttachmentsAreDueIsRejected() throws Exception {
    decoder.add("51-[\"e\",{\"_placeholder\":true,\"num\":0}]");
    assertThatThrownBy(() -> decoder.add("2[\"e\"]")).isInstanceOf(PacketParseException.class);
  }

  @Test
  void placeholderOutOfRangeIsRejected() throws Exception {
    decoder.add("51-[\"e\",{\"_placeholder\":true,\"num\":5}]");
    assertThatThrownBy(() -> decoder.add(Buffer.buffer("x")))
        .isInstanceOf(PacketParseException.class);
  }

  @Test
  void numericEventNamesAreAccepted() throws Exception {
    assertThat(decoder.add("2[1,\"a\"]").array()).isEqualTo(new JsonArray().add(1).add("a"));
  }
}
