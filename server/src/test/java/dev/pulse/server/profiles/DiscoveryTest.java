package dev.pulse.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding people: the dashboard puts who is online first, then who was active recently; saved
 * filters follow a member to every device and narrow the dashboard; search shows last seen.
 */
class DiscoveryTest extends ServerTest {
  String viewer;
  String viewerToken;

  @BeforeEach
  void registerViewer() {
    viewer = Api.uniqueName("viewer");
    viewerToken = register(viewer, new JsonObject());
  }

  /** Registers {@code username} with a plain profile, {@code fields} overriding it. */
  String register(String username, JsonObject fields) {
    JsonObject body = new JsonObject().put("username", username).put("password", Api.PASSWORD)
        .put("displayName", "Member " + username).put("gender", "female").put("dateOfBirth", "1990-06-15")
        .mergeIn(fields);
    Response r = api.post("/api/auth/register", null, body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().getString("token");
  }

  static List<String> usernames(Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("username")).toList();
  }

  JsonObject presenceIn(Response r, String username) {
    return r.json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(p -> p.getString("username").equals(username)).findFirst().orElseThrow()
        .getJsonObject("presence");
  }

  /** Connects {@code token}'s user, then leaves, and waits until their last seen is stored. */
  Instant visit(String username, String token) {
    try (Client c = Client.connect(server.baseUrl(), token)) {
      c.await("online_count_update");
    }
    String[] seen = new String[1];
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      seen[0] = api.get("/api/users/online-status/" + username, viewerToken).json().getString("lastSeen");
      return seen[0] != null;
    });
    return Instant.parse(seen[0]);
  }

  @Test
  void dashboardPutsOnlineThenRecentlyActiveFirst() throws Exception {
    String onlineOldest = Api.uniqueName("online");
    String onlineToken = register(onlineOldest, new JsonObject());
    String seenEarlier = Api.uniqueName("earlier");
    String earlierToken = register(seenEarlier, new JsonObject());
    String seenLater = Api.uniqueName("later");
    String laterToken = register(seenLater, new JsonObject());
    String neverOld = Api.uniqueName("never");
    register(neverOld, new JsonObject());
    // seen most recently and online now, but has blocked the viewer: to them never seen at all
    String blocker = Api.uniqueName("blocker");
    String blockerToken = register(blocker, new JsonObject());
    String neverNew = Api.uniqueName("newest");
    register(neverNew, new JsonObject());

    Instant earlier = visit(seenEarlier, earlierToken);
    Thread.sleep(20);
    Instant later = visit(seenLater, laterToken);
    assertThat(later).isAfter(earlier);
    visit(blocker, blockerToken);
    assertThat(api.put("/api/blocks/" + viewer, blockerToken, null).status()).isEqualTo(204);
    try (Client online = Client.connect(server.baseUrl(), onlineToken);
        Client hidden = Client.connect(server.baseUrl(), blockerToken)) {
      await().atMost(Duration.ofSeconds(5)).until(() ->
          presenceIn(api.get("/api/profiles", viewerToken), onlineOldest).getBoolean("online"));
      Response dashboard = api.get("/api/profiles", viewerToken);
      assertThat(usernames(dashboard))
          .containsExactly(onlineOldest, seenLater, seenEarlier, neverNew, blocker, neverOld);
      assertThat(presenceIn(dashboard, blocker).getBoolean("online")).isFalse();
      assertThat(presenceIn(dashboard, blocker).getValue("lastSeen")).isNull();
      // paging keeps the order
      assertThat(usernames(api.get("/api/profiles?size=2&page=1", viewerToken))).containsExactly(seenEarlier, neverNew);
      // search lists in the same order
      assertThat(usernames(api.get("/api/profiles/search?gender=female", viewerToken)))
          .containsExactly(onlineOldest, seenLater, seenEarlier, neverNew, blocker, neverOld);
      // to anyone not blocked, the blocker is online and first with the other one online
      assertThat(usernames(api.get("/api/profiles", onlineToken)).subList(0, 2)).containsExactly(blocker, seenLater);
    }
  }

  @Test
  void savedFiltersApplyToDashboard() {
    JsonObject match = new JsonObject().put("dateOfBirth", "1998-03-03").put("religion", "Hindu")
        .put("motherTongue", "Marathi").put("city", "Pune").put("education", "B.Tech, COEP Pune");
    String fits = Api.uniqueName("fits");
    register(fits, match);
    String tooOld = Api.uniqueName("old");
    register(tooOld, match.copy().put("dateOfBirth", "1980-01-01"));
    String otherReligion = Api.uniqueName("sikh");
    register(otherReligion, match.copy().put("religion", "Sikh"));
    String otherTongue = Api.uniqueName("hindi");
    register(otherTongue, match.copy().put("motherTongue", "Hindi"));
    String otherCity = Api.uniqueName("mumbai");
    register(otherCity, match.copy().put("city", "Mumbai"));
    String otherEducation = Api.uniqueName("mba");
    register(otherEducation, match.copy().put("education", "MBA, Symbiosis"));
    assertThat(usernames(api.get("/api/profiles", viewerToken))).hasSize(6);

    JsonObject filters = new JsonObject().put("minAge", 25).put("maxAge", 32).put("religion", "hindu")
        .put("motherTongue", "marathi").put("city", " pune ").put("education", "b.tech");
    Response saved = api.put("/api/me/filters", viewerToken, filters);
    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    assertThat(saved.json().getString("city")).isEqualTo("pune");

    Response dashboard = api.get("/api/profiles", viewerToken);
    assertThat(usernames(dashboard)).containsExactly(fits);
    assertThat(dashboard.json().getInteger("total")).isEqualTo(1);
    assertThat(dashboard.json().getJsonObject("filters")).isEqualTo(saved.json());

    // kept on the server: another sign-in (another device) has them
    String otherDevice = api.login(viewer, Api.PASSWORD).json().getString("token");
    assertThat(api.get("/api/me/filters", otherDevice).json()).isEqualTo(saved.json());
    assertThat(usernames(api.get("/api/profiles", otherDevice))).containsExactly(fits);
    // offered on search: the same filters as parameters
    assertThat(usernames(api.get("/api/profiles/search?minAge=25&maxAge=32&religion=hindu&motherTongue=marathi"
        + "&city=pune&education=b.tech", viewerToken))).containsExactly(fits);
    assertThat(usernames(api.get("/api/profiles/search?motherTongue=Hindi", viewerToken))).containsExactly(otherTongue);

    // bad filters are refused in words and change nothing
    Response upsideDown = api.put("/api/me/filters", viewerToken, new JsonObject().put("minAge", 40).put("maxAge", 30));
    assertThat(upsideDown.status()).isEqualTo(400);
    assertThat(upsideDown.json().getJsonObject("error").getString("message")).contains("minAge");
    assertThat(api.put("/api/me/filters", viewerToken, new JsonObject().put("minAge", 17)).status()).isEqualTo(400);
    assertThat(api.put("/api/me/filters", viewerToken, new JsonObject().put("colour", "red")).status()).isEqualTo(400);
    assertThat(api.put("/api/me/filters", viewerToken, new JsonObject().put("city", 7)).status()).isEqualTo(400);
    assertThat(api.get("/api/me/filters", viewerToken).json()).isEqualTo(saved.json());

    assertThat(api.delete("/api/me/filters", viewerToken).status()).isEqualTo(204);
    assertThat(usernames(api.get("/api/profiles", viewerToken))).hasSize(6);
    assertThat(api.get("/api/me/filters", viewerToken).json().getValue("city")).isNull();
    assertThat(api.get("/api/me/filters", null).status()).isEqualTo(401);
  }

  @Test
  void searchShowsLastSeenForOffline() {
    String gone = Api.uniqueName("gone");
    String goneToken = register(gone, new JsonObject().put("city", "Nashik"));
    String here = Api.uniqueName("here");
    String hereToken = register(here, new JsonObject().put("city", "Nashik"));
    String blocker = Api.uniqueName("blocker");
    String blockerToken = register(blocker, new JsonObject().put("city", "Nashik"));
    Instant left = visit(gone, goneToken);
    visit(blocker, blockerToken);
    api.put("/api/blocks/" + viewer, blockerToken, null);
    try (Client online = Client.connect(server.baseUrl(), hereToken)) {
      await().atMost(Duration.ofSeconds(5)).until(() ->
          presenceIn(api.get("/api/profiles/search?city=nashik", viewerToken), here).getBoolean("online"));
      Response found = api.get("/api/profiles/search?city=nashik", viewerToken);
      JsonObject offline = presenceIn(found, gone);
      assertThat(offline.getBoolean("online")).isFalse();
      assertThat(Instant.parse(offline.getString("lastSeen"))).isEqualTo(left);
      assertThat(presenceIn(found, here).getBoolean("online")).isTrue();
      // a member who blocked the viewer was never seen, to the viewer
      assertThat(presenceIn(found, blocker).getValue("lastSeen")).isNull();
      assertThat(presenceIn(api.get("/api/profiles/search?city=nashik", hereToken), blocker).getString("lastSeen"))
          .isNotNull();
    }
  }
}
