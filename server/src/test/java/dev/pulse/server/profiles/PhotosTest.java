package dev.pulse.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.ServerTest;
import dev.pulse.server.testing.TestImages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploading photos: what is kept of them, where they show, what is refused, and whose they are. */
class PhotosTest extends ServerTest {
  String alice;
  String aliceToken;
  String bob;
  String bobToken;

  @Override
  protected Map<String, String> env() {
    return Map.of("PHOTOS_PER_MEMBER", "3", "PHOTO_MAX_BYTES", "200000", "PHOTO_MAX_PIXELS", "4000000");
  }

  @BeforeEach
  void members() {
    alice = Api.uniqueName("alice");
    aliceToken = api.register(alice);
    bob = Api.uniqueName("bob");
    bobToken = api.register(bob);
  }

  Response upload(String token, byte[] image, String query) {
    return api.postBytes("/api/me/photos" + query, token, image, "application/octet-stream");
  }

  JsonObject uploaded(String token, byte[] image) {
    Response r = upload(token, image, "");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  HttpResponse<byte[]> served(String url) {
    HttpResponse<byte[]> r = api.bytes(url);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    return r;
  }

  @Test
  void firstPhotoBecomesTheProfilePictureTurnedUprightResizedAndWithoutMetadata() {
    // a 1600x1200 phone photo taken with the phone turned: EXIF orientation 6, and a "secret" in its EXIF
    byte[] photo = TestImages.jpegWithExif(1600, 1200, 6, "GPS 18.52N 73.85E Pixel-7");
    JsonObject json = uploaded(aliceToken, photo);
    String id = json.getString("id");
    assertThat(id).matches("[A-Za-z0-9_-]{22}");
    assertThat(json.getString("url")).isEqualTo("/api/photos/" + id + "/large.jpg");
    assertThat(json.getString("thumbUrl")).isEqualTo("/api/photos/" + id + "/thumb.jpg");
    assertThat(json.getBoolean("profile")).isTrue();
    // upright: taller than wide, fitted into 1024x1024
    assertThat(json.getInteger("width")).isEqualTo(768);
    assertThat(json.getInteger("height")).isEqualTo(1024);

    BufferedImage large = TestImages.decode(served(json.getString("url")).body());
    assertThat(large.getWidth()).isEqualTo(768);
    assertThat(large.getHeight()).isEqualTo(1024);
    // the left (red) half of the stored picture is the top once turned as the camera said
    assertThat(TestImages.near(large, 384, 100, TestImages.RED)).isTrue();
    assertThat(TestImages.near(large, 384, 920, TestImages.BLUE)).isTrue();
    BufferedImage thumb = TestImages.decode(served(json.getString("thumbUrl")).body());
    assertThat(thumb.getWidth()).isEqualTo(256);
    assertThat(thumb.getHeight()).isEqualTo(256);
    for (byte[] bytes : List.of(served(json.getString("url")).body(), served(json.getString("thumbUrl")).body())) {
      String raw = new String(bytes, StandardCharsets.ISO_8859_1);
      assertThat(raw).doesNotContain("Pixel-7").doesNotContain("GPS").doesNotContain("Exif");
    }
    // served as never changing
    assertThat(api.bytes(json.getString("url")).headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");

    // the profile, the dashboard card and the avatar address all show it
    JsonObject profile = api.get("/api/profiles/" + alice, bobToken).json();
    assertThat(profile.getString("photoUrl")).isEqualTo(json.getString("url"));
    assertThat(profile.getString("avatarUrl")).isEqualTo(json.getString("thumbUrl"));
    assertThat(profile.getJsonArray("photos")).containsExactly(json);
    JsonObject card = api.get("/api/profiles", bobToken).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(p -> p.getString("username").equals(alice)).findFirst().orElseThrow();
    assertThat(card.getString("avatarUrl")).isEqualTo(json.getString("thumbUrl"));
    HttpResponse<byte[]> avatar = api.bytes("/api/avatars/" + alice + ".svg");
    assertThat(avatar.statusCode()).isEqualTo(302);
    assertThat(avatar.headers().firstValue("Location")).hasValue(json.getString("thumbUrl"));
  }

  @Test
  void pngAndWebpAreAcceptedAndTransparencyBecomesWhite() {
    JsonObject png = uploaded(aliceToken, TestImages.pngHalfTransparent(400, 300));
    BufferedImage large = TestImages.decode(served(png.getString("url")).body());
    assertThat(large.getWidth()).isEqualTo(400);
    assertThat(TestImages.near(large, 50, 150, TestImages.RED)).isTrue();
    assertThat(TestImages.near(large, 350, 150, Color.WHITE)).isTrue();

    JsonObject webp = uploaded(aliceToken, TestImages.webp());
    assertThat(webp.getInteger("width")).isEqualTo(320);
    assertThat(webp.getInteger("height")).isEqualTo(240);
    BufferedImage fromWebp = TestImages.decode(served(webp.getString("url")).body());
    assertThat(TestImages.near(fromWebp, 40, 120, TestImages.RED)).isTrue();
    assertThat(TestImages.near(fromWebp, 280, 120, TestImages.BLUE)).isTrue();
    // the first upload stays the profile photo
    assertThat(webp.getBoolean("profile")).isFalse();
  }

  @Test
  void whatIsNotAUsablePhotoIsRefusedInWordsAndNothingIsStored() {
    Map<String, byte[]> refused = Map.of(
        "must be a JPEG, PNG or WebP image", "just some text, not a picture".getBytes(StandardCharsets.UTF_8),
        "must be a JPEG, PNG or WebP image (this is gif)",
        TestImages.encode(TestImages.halves(300, 300, BufferedImage.TYPE_BYTE_INDEXED), "gif"),
        "too small: at least 128 pixels", TestImages.jpeg(100, 400),
        // 2100x2000 is over PHOTO_MAX_PIXELS=4000000 while its file is small
        "too many pixels (2100x2000)",
        TestImages.encode(TestImages.halves(2100, 2000, BufferedImage.TYPE_BYTE_BINARY), "png"),
        "damaged or not an image", java.util.Arrays.copyOf(TestImages.jpeg(400, 400), 400));
    refused.forEach((words, bytes) -> {
      Response r = upload(aliceToken, bytes, "");
      assertThat(r.status()).as(words + ": " + r.text()).isEqualTo(400);
      assertThat(r.json().getJsonObject("error").getString("message")).contains(words);
    });
    Response empty = upload(aliceToken, new byte[0], "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().getJsonObject("error").getString("message")).contains("Send the photo");

    // over PHOTO_MAX_BYTES=200000: refused before it is read
    byte[] huge = TestImages.concat(TestImages.jpeg(400, 400), new byte[250_000]);
    Response tooBig = upload(aliceToken, huge, "");
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.json().getJsonObject("error").getString("message")).isEqualTo("The photo file is too large");

    // without a token, nothing
    assertThat(upload(null, TestImages.jpeg(400, 400), "").status()).isEqualTo(401);

    JsonObject gallery = api.get("/api/me/photos", aliceToken).json();
    assertThat(gallery.getJsonArray("items")).isEmpty();
    assertThat(gallery.getInteger("max")).isEqualTo(3);
    assertThat(gallery.getInteger("maxBytes")).isEqualTo(200000);
    assertThat(api.get("/api/me", aliceToken).json().getString("photoUrl")).isNull();
    // and the server still serves
    assertThat(uploaded(aliceToken, TestImages.jpeg(400, 400)).getBoolean("profile")).isTrue();
  }

  @Test
  void galleryHoldsAtMostTheLimitAndTheProfilePhotoCanBeChosenAndDeleted() {
    String first = uploaded(aliceToken, TestImages.jpeg(300, 300)).getString("id");
    String second = uploaded(aliceToken, TestImages.jpeg(300, 400)).getString("id");
    Response third = upload(aliceToken, TestImages.jpeg(400, 300), "?profile=true");
    assertThat(third.status()).isEqualTo(201);
    assertThat(third.json().getBoolean("profile")).isTrue();
    String thirdId = third.json().getString("id");

    Response fourth = upload(aliceToken, TestImages.jpeg(400, 300), "");
    assertThat(fourth.status()).isEqualTo(409);
    assertThat(fourth.json().getJsonObject("error").getString("message")).contains("at most 3 photos");

    JsonArray items = api.get("/api/me/photos", aliceToken).json().getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("id")).toList())
        .containsExactly(first, second, thirdId);
    assertThat(items.stream().map(o -> ((JsonObject) o).getBoolean("profile")).toList())
        .containsExactly(false, false, true);

    assertThat(api.put("/api/me/photos/" + second + "/profile", aliceToken, null).status()).isEqualTo(204);
    assertThat(api.get("/api/me", aliceToken).json().getString("photoUrl"))
        .isEqualTo("/api/photos/" + second + "/large.jpg");

    // deleting the profile photo: the newest one left takes its place; its files are gone
    assertThat(api.delete("/api/me/photos/" + second, aliceToken).status()).isEqualTo(204);
    assertThat(api.bytes("/api/photos/" + second + "/large.jpg").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/me", aliceToken).json().getString("avatarUrl"))
        .isEqualTo("/api/photos/" + thirdId + "/thumb.jpg");
    assertThat(api.delete("/api/me/photos/" + thirdId, aliceToken).status()).isEqualTo(204);
    assertThat(api.delete("/api/me/photos/" + first, aliceToken).status()).isEqualTo(204);
    // none left: the generated portrait again
    JsonObject me = api.get("/api/me", aliceToken).json();
    assertThat(me.getString("photoUrl")).isNull();
    assertThat(me.getString("avatarUrl")).isEqualTo("/api/avatars/" + alice + ".svg");
    assertThat(me.getJsonArray("photos")).isEmpty();
  }

  @Test
  void nobodyCanChooseOrDeleteAnotherMembersPhotos() {
    String id = uploaded(aliceToken, TestImages.jpeg(300, 300)).getString("id");

    Response delete = api.delete("/api/me/photos/" + id, bobToken);
    assertThat(delete.status()).isEqualTo(404);
    Response choose = api.put("/api/me/photos/" + id + "/profile", bobToken, null);
    assertThat(choose.status()).isEqualTo(404);
    assertThat(api.get("/api/me", bobToken).json().getString("photoUrl")).isNull();
    served("/api/photos/" + id + "/large.jpg");
    assertThat(api.get("/api/me", aliceToken).json().getJsonArray("photos")).hasSize(1);
  }

  @Test
  void unknownPhotoAddressesAreNotFound() {
    String id = uploaded(aliceToken, TestImages.jpeg(300, 300)).getString("id");
    assertThat(api.bytes("/api/photos/AAAAAAAAAAAAAAAAAAAAAA/large.jpg").statusCode()).isEqualTo(404);
    assertThat(api.bytes("/api/photos/nope/large.jpg").statusCode()).isEqualTo(404);
    assertThat(api.bytes("/api/photos/" + id + "/original.jpg").statusCode()).isEqualTo(404);
  }

  @Test
  void aProfilePictureCanOnlyBeAPhotoServedByPulse() {
    Response edit = api.put("/api/me", aliceToken, new JsonObject().put("photoUrl", "https://tracker.example/p.jpg"));
    assertThat(edit.status()).isEqualTo(400);
    assertThat(edit.json().getJsonObject("error").getString("message")).contains("upload the photo to Pulse");
    Response register = api.post("/api/auth/register", null, new JsonObject().put("username", Api.uniqueName("carol"))
        .put("password", Api.PASSWORD).put("displayName", "Carol").put("gender", "female")
        .put("dateOfBirth", "1994-01-01").put("photoUrl", "http://tracker.example/c.jpg"));
    assertThat(register.status()).isEqualTo(400);

    // nothing changed: no picture but the generated one, and profile edits still work
    JsonObject me = api.get("/api/me", aliceToken).json();
    assertThat(me.getString("photoUrl")).isNull();
    assertThat(me.getString("avatarUrl")).isEqualTo("/api/avatars/" + alice + ".svg");
    Response echo = api.put("/api/me", aliceToken, new JsonObject().put("city", "Nashik").putNull("photoUrl"));
    assertThat(echo.status()).as(echo.text()).isEqualTo(200);
    String id = uploaded(aliceToken, TestImages.jpeg(300, 300)).getString("id");
    // whatever a profile shows as its picture is a Pulse address
    for (Object o : api.get("/api/profiles", bobToken).json().getJsonArray("items")) {
      JsonObject p = (JsonObject) o;
      assertThat(p.getString("avatarUrl")).matches("/api/(photos/[A-Za-z0-9_-]{22}/thumb\\.jpg|avatars/.+\\.svg)");
      if (p.getString("photoUrl") != null) {
        assertThat(p.getString("photoUrl")).startsWith("/api/photos/");
      }
    }
    assertThat(api.get("/api/profiles/" + alice, bobToken).json().getString("photoUrl"))
        .isEqualTo("/api/photos/" + id + "/large.jpg");
  }

  @Test
  void aFullResizeQueueRefusesAnUploadAsBusyAndTheNextOneAfterIsServed() throws Exception {
    restartWith(Map.of("PHOTO_WORKERS", "1", "PHOTO_RESIZE_QUEUE_MAX", "0", "PHOTOS_PER_MEMBER", "100"));
    String token = api.register(Api.uniqueName("dana"));
    // big enough that resizing one takes a while: uploads arriving meanwhile find the one thread busy
    byte[] photo = TestImages.encode(TestImages.halves(3000, 2000, BufferedImage.TYPE_INT_RGB), "png");
    List<Response> answers = new ArrayList<>();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 5 && answers.stream().noneMatch(r -> r.status() == 503); round++) {
        List<Future<Response>> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          burst.add(senders.submit(() -> upload(token, photo, "")));
        }
        for (Future<Response> answer : burst) {
          answers.add(answer.get(60, TimeUnit.SECONDS));
        }
      }
    } finally {
      senders.shutdownNow();
    }
    assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.text()).isIn(201, 503));
    assertThat(answers).anySatisfy(r -> assertThat(r.status()).isEqualTo(201));
    Response busy = answers.stream().filter(r -> r.status() == 503).findFirst()
        .orElseThrow(() -> new AssertionError("no upload of " + answers.size() + " was refused"));
    assertThat(busy.errorCode()).isEqualTo("unavailable");
    assertThat(busy.json().getJsonObject("error").getString("message"))
        .isEqualTo("The server is busy with other photos; try again in a few seconds");
    // the refused ones left nothing behind: the next upload is resized as usual
    assertThat(uploaded(token, TestImages.jpeg(400, 400)).getString("id")).matches("[A-Za-z0-9_-]{22}");
  }
}
