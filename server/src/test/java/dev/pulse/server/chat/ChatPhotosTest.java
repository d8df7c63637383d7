package dev.pulse.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.TestImages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Photos in chat: uploaded for one recipient, sent as a message, seen only by the two members. */
class ChatPhotosTest extends ThreePeopleTest {

  @Override
  protected Map<String, String> env() {
    return Map.of("PHOTO_MAX_BYTES", "200000", "CHAT_PHOTOS_PER_HOUR", "60", "CHAT_PHOTO_BURST", "4");
  }


  Response upload(String token, String to, byte[] image) {
    return api.postBytes("/api/conversations/" + to + "/photos", token, image, "application/octet-stream");
  }

  JsonObject uploaded(String token, String to, byte[] image) {
    Response r = upload(token, to, image);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  @Test
  void photoMessageReachesRecipient() {
    // a phone photo with its place in the EXIF: what is served is re-encoded, without it
    JsonObject photo = uploaded(aliceToken, bob, TestImages.jpegWithExif(1600, 1200, 1, "GPS 18.52N 73.85E"));
    String id = photo.getString("id");
    assertThat(id).matches("[A-Za-z0-9_-]{22}");
    assertThat(photo.getString("url")).isEqualTo("/api/chat-photos/" + id + "/large.jpg");
    assertThat(photo.getString("thumbUrl")).isEqualTo("/api/chat-photos/" + id + "/thumb.jpg");
    assertThat(photo.getInteger("width")).isEqualTo(1024);
    assertThat(photo.getInteger("height")).isEqualTo(768);
    // not a profile photo: the gallery stays empty
    assertThat(api.get("/api/me/photos", aliceToken).json().getJsonArray("items")).isEmpty();

    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      JsonObject ack = a.call("send_message", new JsonObject().put("to", bob).put("photoId", id));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      assertThat(ack.getJsonObject("photo")).isEqualTo(photo);
      long messageId = ack.getLong("id");
      JsonObject got = b.await("new_message", m -> m.getLong("id") == messageId);
      assertThat(got.getJsonObject("photo")).isEqualTo(photo);
      assertThat(got.getString("message")).isEmpty();

      // with a caption, and a reply to the photo quotes it as "Photo"
      JsonObject captioned = a.call("send_message", new JsonObject().put("to", bob).put("photoId", id)
          .put("message", "At the fair"));
      assertThat(captioned.getBoolean("ok")).as(captioned.encode()).isTrue();
      JsonObject reply = b.call("send_message", new JsonObject().put("to", alice).put("message", "Lovely!")
          .put("replyTo", messageId));
      assertThat(reply.getJsonObject("replyTo").getString("preview")).isEqualTo("Photo");
    }

    for (String token : new String[] {aliceToken, bobToken}) {
      HttpResponse<byte[]> large = api.bytes(photo.getString("url"), token);
      assertThat(large.statusCode()).isEqualTo(200);
      assertThat(large.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(large.headers().firstValue("Cache-Control").orElse("")).startsWith("private");
      BufferedImage image = TestImages.decode(large.body());
      assertThat(image.getWidth()).isEqualTo(1024);
      assertThat(new String(large.body(), StandardCharsets.ISO_8859_1)).doesNotContain("GPS 18.52N");
      BufferedImage thumb = TestImages.decode(api.bytes(photo.getString("thumbUrl"), token).body());
      assertThat(thumb.getWidth()).isEqualTo(256);
      assertThat(thumb.getHeight()).isEqualTo(256);
    }
    JsonArray history = api.history(bobToken, alice);
    assertThat(history.getJsonObject(0).getJsonObject("photo")).isEqualTo(photo);
    assertThat(history.getJsonObject(1).getString("message")).isEqualTo("At the fair");
    JsonObject last = api.get("/api/conversations", aliceToken).json().getJsonArray("items").getJsonObject(0)
        .getJsonObject("lastMessage");
    assertThat(last.getJsonObject("replyTo").getString("preview")).isEqualTo("Photo");
  }

  @Test
  void strangerCannotFetchChatPhoto() {
    JsonObject photo = uploaded(aliceToken, bob, TestImages.jpeg(800, 600));
    String url = photo.getString("url");
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      assertThat(a.call("send_message", new JsonObject().put("to", bob).put("photoId", photo.getString("id")))
          .getBoolean("ok")).isTrue();
    }
    assertThat(api.bytes(url, bobToken).statusCode()).isEqualTo(200);
    // someone else, with or without a token
    assertThat(api.bytes(url, carolToken).statusCode()).isEqualTo(404);
    assertThat(api.bytes(photo.getString("thumbUrl"), carolToken).statusCode()).isEqualTo(404);
    assertThat(api.bytes(url, null).statusCode()).isEqualTo(401);
    // once alice blocks bob he cannot see it any more; she still can
    assertThat(api.put("/api/blocks/" + bob, aliceToken, null).status()).isEqualTo(204);
    assertThat(api.bytes(url, bobToken).statusCode()).isEqualTo(403);
    assertThat(api.bytes(url, aliceToken).statusCode()).isEqualTo(200);
    // and he cannot send her photos either
    assertThat(upload(bobToken, alice, TestImages.jpeg(400, 300)).errorCode()).isEqualTo("forbidden");
  }

  @Test
  void photoGoesOnlyToWhomItWasUploadedFor() {
    String forCarol = uploaded(aliceToken, carol, TestImages.jpeg(400, 300)).getString("id");
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      JsonObject elsewhere = a.call("send_message", new JsonObject().put("to", bob).put("photoId", forCarol));
      assertThat(elsewhere.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      // nor can the recipient pass someone else's photo on
      JsonObject notHers = b.call("send_message", new JsonObject().put("to", alice).put("photoId", forCarol));
      assertThat(notHers.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      JsonObject unknown = a.call("send_message", new JsonObject().put("to", bob).put("photoId", "x".repeat(22)));
      assertThat(unknown.getJsonObject("error").getString("code")).isEqualTo("bad_request");
      // no photo and no text is still an empty message
      JsonObject empty = a.call("send_message", new JsonObject().put("to", bob).put("message", " "));
      assertThat(empty.getJsonObject("error").getString("code")).isEqualTo("bad_request");
    }
    assertThat(api.history(aliceToken, bob)).isEmpty();
    // what is not an image, and uploads past the burst
    assertThat(upload(aliceToken, bob, "not a photo".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    assertThat(upload(aliceToken, "nobody_" + carol, TestImages.jpeg(400, 300)).status()).isEqualTo(404);
    int created = 0;
    int limited = 0;
    for (int i = 0; i < 5; i++) {
      Response r = upload(aliceToken, bob, TestImages.jpeg(300, 300));
      if (r.status() == 201) {
        created++;
      } else if (r.status() == 429) {
        limited++;
      }
    }
    assertThat(limited).isPositive();
    assertThat(created + limited).isEqualTo(5);
  }
}
