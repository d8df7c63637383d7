package dev.pulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard list, search with each filter, one profile, and generated avatars. */
class ProfilesTest extends ServerTest {
  String viewer;
  String viewerToken;

  @BeforeEach
  void registerViewer() {
    viewer = Api.uniqueName("viewer");
    viewerToken = register(viewer, new JsonObject().put("displayName", "Vera Viewer").put("city", "Pune")
        .put("religion", "Hindu").put("about", "Looking around"));
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /**
   * Registers {@code username}; {@code fields} override a profile that no filter below picks
   * out by accident (born 1990-06-15, other gender, no city, religion or text).
   */
  String register(String username, JsonObject fields) {
    JsonObject body = new JsonObject().put("username", username).put("password", Api.PASSWORD)
        .put("displayName", "Member " + username.replace('_', ' ')).put("gender", "other")
        .put("dateOfBirth", "1990-06-15").mergeIn(fields);
    Response r = api.post("/api/auth/register", null, body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().getString("token");
  }

  String register(String username) {
    return register(username, new JsonObject());
  }

  Response search(String query) {
    return api.get("/api/profiles/search?" + query, viewerToken);
  }

  static List<String> usernames(Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("username")).toList();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void listPagesEveryoneButTheViewerNewestFirst() {
    List<String> joined = List.of(Api.uniqueName("a"), Api.uniqueName("b"), Api.uniqueName("c"),
        Api.uniqueName("d"), Api.uniqueName("e"));
    joined.forEach(this::register);

    Response first = api.get("/api/profiles?page=0&size=2", viewerToken);
    assertThat(usernames(first)).containsExactly(joined.get(4), joined.get(3));
    assertThat(first.json().getInteger("page")).isEqualTo(0);
    assertThat(first.json().getInteger("size")).isEqualTo(2);
    assertThat(first.json().getLong("total")).isEqualTo(5);

    Response second = api.get("/api/profiles?page=1&size=2", viewerToken);
    assertThat(usernames(second)).containsExactly(joined.get(2), joined.get(1));
    assertThat(second.json().getInteger("page")).isEqualTo(1);
    assertThat(second.json().getLong("total")).isEqualTo(5);

    Response last = api.get("/api/profiles?page=2&size=2", viewerToken);
    assertThat(usernames(last)).containsExactly(joined.get(0));

    Response beyond = api.get("/api/profiles?page=3&size=2", viewerToken);
    assertThat(usernames(beyond)).isEmpty();
    assertThat(beyond.json().getLong("total")).isEqualTo(5);

    // defaults: page 0 of 20
    Response defaults = api.get("/api/profiles", viewerToken);
    assertThat(usernames(defaults)).containsExactly(joined.get(4), joined.get(3), joined.get(2), joined.get(1),
        joined.get(0));
    assertThat(defaults.json().getInteger("page")).isEqualTo(0);
    assertThat(defaults.json().getInteger("size")).isEqualTo(20);

    // another member sees the viewer and not themselves
    String otherToken = api.login(joined.get(0), Api.PASSWORD).json().getString("token");
    assertThat(usernames(api.get("/api/profiles", otherToken))).containsExactly(joined.get(4), joined.get(3),
        joined.get(2), joined.get(1), viewer);
  }

  @Test
  void listItemsAreFullProfiles() {
    String name = Api.uniqueName("full");
    register(name, new JsonObject().put("displayName", "Meera Iyer").put("gender", "female")
        .put("dateOfBirth", "1994-02-03").put("city", "Chennai").put("country", "India").put("religion", "Hindu")
        .put("motherTongue", "Tamil").put("education", "BE, Anna University").put("occupation", "Engineer")
        .put("heightCm", 160).put("about", "Carnatic music and filter coffee."));

    JsonObject item = api.get("/api/profiles", viewerToken).json().getJsonArray("items").getJsonObject(0);
    assertThat(item).isEqualTo(new JsonObject()
        .put("username", name).put("displayName", "Meera Iyer").put("gender", "female")
        .put("dateOfBirth", "1994-02-03").put("age", Period.between(LocalDate.of(1994, 2, 3), today()).getYears())
        .put("city", "Chennai").put("country", "India").put("religion", "Hindu").put("motherTongue", "Tamil")
        .put("education", "BE, Anna University").put("occupation", "Engineer").put("heightCm", 160)
        .put("about", "Carnatic music and filter coffee.").put("photoUrl", null)
        .put("avatarUrl", "/api/avatars/" + name + ".svg")
        .put("presence", new JsonObject().put("online", false).put("status", "offline").put("statusText", null)
            .put("lastSeen", null)));
  }

  @Test
  void ageFiltersIncludeBothBoundaries() {
    LocalDate today = today();
    String turns25Tomorrow = Api.uniqueName("age24");
    String turned25Today = Api.uniqueName("age25");
    String turns31Tomorrow = Api.uniqueName("age30");
    String turned31Today = Api.uniqueName("age31");
    register(turns25Tomorrow, new JsonObject().put("dateOfBirth", today.minusYears(25).plusDays(1).toString()));
    register(turned25Today, new JsonObject().put("dateOfBirth", today.minusYears(25).toString()));
    register(turns31Tomorrow, new JsonObject().put("dateOfBirth", today.minusYears(31).plusDays(1).toString()));
    register(turned31Today, new JsonObject().put("dateOfBirth", today.minusYears(31).toString()));

    Response both = search("minAge=25&maxAge=30");
    assertThat(usernames(both)).containsExactly(turns31Tomorrow, turned25Today);
    assertThat(both.json().getLong("total")).isEqualTo(2);
    assertThat(both.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getInteger("age")).toList())
        .containsExactly(30, 25);

    assertThat(usernames(search("minAge=25"))).containsExactlyInAnyOrder(turned25Today, turns31Tomorrow,
        turned31Today);
    assertThat(usernames(search("maxAge=30"))).containsExactlyInAnyOrder(turns25Tomorrow, turned25Today,
        turns31Tomorrow);
    assertThat(usernames(search("minAge=31&maxAge=31"))).containsExactly(turned31Today);
    assertThat(usernames(search("minAge=24&maxAge=24"))).containsExactly(turns25Tomorrow);
  }

  @Test
  void genderFilter() {
    String woman = Api.uniqueName("w");
    String man = Api.uniqueName("m");
    String other = Api.uniqueName("o");
    register(woman, new JsonObject().put("gender", "female"));
    register(man, new JsonObject().put("gender", "male"));
    register(other, new JsonObject().put("gender", "other"));

    assertThat(usernames(search("gender=female"))).containsExactly(woman);
    assertThat(usernames(search("gender=male"))).containsExactly(man);
    assertThat(usernames(search("gender=other"))).containsExactly(other);
    // the value is not case-sensitive
    assertThat(usernames(search("gender=MALE"))).containsExactly(man);
    assertThat(search("gender=male").json().getLong("total")).isEqualTo(1);
  }

  @Test
  void cityFilterIgnoresCaseButNotSpelling() {
    String pune = Api.uniqueName("pune");
    String mumbai = Api.uniqueName("mumbai");
    register(pune, new JsonObject().put("city", "Pune"));
    register(mumbai, new JsonObject().put("city", "Mumbai"));

    assertThat(usernames(search("city=Pune"))).containsExactly(pune);
    assertThat(usernames(search("city=pUNE"))).containsExactly(pune);
    assertThat(usernames(search("city=" + encode(" mumbai ")))).containsExactly(mumbai);
    // a whole city, not a part of one
    assertThat(usernames(search("city=Pun"))).isEmpty();
    assertThat(search("city=Pun").json().getLong("total")).isEqualTo(0);
  }

  @Test
  void religionFilterIgnoresCase() {
    String hindu = Api.uniqueName("h");
    String sikh = Api.uniqueName("s");
    String none = Api.uniqueName("n");
    register(hindu, new JsonObject().put("religion", "Hindu"));
    register(sikh, new JsonObject().put("religion", "Sikh"));
    register(none);

    assertThat(usernames(search("religion=hindu"))).containsExactly(hindu);
    assertThat(usernames(search("religion=SIKH"))).containsExactly(sikh);
    assertThat(usernames(search("religion=Jain"))).isEmpty();
  }

  @Test
  void freeTextSearchesNameOccupationEducationCityAndAbout() {
    String byName = Api.uniqueName("t");
    String byOccupation = Api.uniqueName("t");
    String byEducation = Api.uniqueName("t");
    String byCity = Api.uniqueName("t");
    String byAbout = Api.uniqueName("t");
    register(byName, new JsonObject().put("displayName", "Zephyrine Rao"));
    register(byOccupation, new JsonObject().put("occupation", "Glassblower"));
    register(byEducation, new JsonObject().put("education", "MSc Oceanography"));
    register(byCity, new JsonObject().put("city", "Kohima"));
    register(byAbout, new JsonObject().put("about", "Weekends are for kayaking on the backwaters; 100% sure."));

    assertThat(usernames(search("q=zephyr"))).containsExactly(byName);
    assertThat(usernames(search("q=GLASSBLOW"))).containsExactly(byOccupation);
    assertThat(usernames(search("q=oceanograph"))).containsExactly(byEducation);
    assertThat(usernames(search("q=kohima"))).containsExactly(byCity);
    assertThat(usernames(search("q=" + encode("kayaking on")))).containsExactly(byAbout);
    // LIKE wildcards in the text are taken literally
    assertThat(usernames(search("q=" + encode("100%")))).containsExactly(byAbout);
    assertThat(usernames(search("q=" + encode("%")))).containsExactly(byAbout);
    assertThat(usernames(search("q=" + encode("k%ing")))).isEmpty();
    assertThat(usernames(search("q=nothingmatchesthis"))).isEmpty();
  }

  @Test
  void onlineFilterKeepsOnlyUsersWithAnOpenConnection() {
    String connected = Api.uniqueName("on");
    String neverConnected = Api.uniqueName("never");
    String left = Api.uniqueName("left");
    String connectedToken = register(connected);
    register(neverConnected);
    String leftToken = register(left);

    try (Client on = Client.connect(server.baseUrl(), connectedToken)) {
      try (Client gone = Client.connect(server.baseUrl(), leftToken)) {
        on.await("user_online", p -> p.getString("username").equals(left));
      }
      // offline once the grace period has passed without a new connection
      on.await("user_offline", p -> p.getString("username").equals(left));

      Response r = search("online=true");
      assertThat(usernames(r)).containsExactly(connected);
      assertThat(r.json().getLong("total")).isEqualTo(1);
      assertThat(r.json().getJsonArray("items").getJsonObject(0).getJsonObject("presence").getBoolean("online"))
          .isTrue();
      // without the filter (or with false) everyone is there
      assertThat(usernames(search("online=false"))).containsExactlyInAnyOrder(connected, neverConnected, left);
      assertThat(usernames(search(""))).containsExactlyInAnyOrder(connected, neverConnected, left);
    }
    // nobody online: an empty page, not everyone
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(usernames(search("online=true"))).isEmpty());
    assertThat(search("online=true").json().getLong("total")).isEqualTo(0);
  }

  @Test
  void onlineFilterLeavesOutUsersWhoBlockedTheViewer() {
    String blocker = Api.uniqueName("blocker");
    String friendly = Api.uniqueName("friendly");
    String blockerToken = register(blocker);
    String friendlyToken = register(friendly);
    assertThat(api.put("/api/blocks/" + viewer, blockerToken, null).status()).isEqualTo(204);

    try (Client b = Client.connect(server.baseUrl(), blockerToken);
        Client f = Client.connect(server.baseUrl(), friendlyToken)) {
      // both are online (as the blocker counts them); the viewer counts only the friendly one
      await().atMost(Duration.ofSeconds(10)).until(() ->
          api.get("/api/users/online-status/count", blockerToken).json().getInteger("count") == 2);
      awaitOnlineCount(1);
      assertThat(usernames(search("online=true"))).containsExactly(friendly);
    }
  }

  @Test
  void filtersCombine() {
    LocalDate today = today();
    JsonObject match = new JsonObject().put("gender", "female").put("dateOfBirth", today.minusYears(28).toString())
        .put("city", "Pune").put("religion", "Hindu").put("occupation", "Architect");
    String hit = Api.uniqueName("hit");
    // each differs from the match in one respect
    String male = Api.uniqueName("male");
    String older = Api.uniqueName("older");
    String elsewhere = Api.uniqueName("elsewhere");
    String sikh = Api.uniqueName("sikh");
    String dentist = Api.uniqueName("dentist");
    String offline = Api.uniqueName("offline");
    String hitToken = register(hit, match);
    String maleToken = register(male, match.copy().put("gender", "male"));
    String olderToken = register(older, match.copy().put("dateOfBirth", today.minusYears(40).toString()));
    String elsewhereToken = register(elsewhere, match.copy().put("city", "Mumbai"));
    String sikhToken = register(sikh, match.copy().put("religion", "Sikh"));
    String dentistToken = register(dentist, match.copy().put("occupation", "Dentist"));
    register(offline, match);

    List<Client> clients = List.of(hitToken, maleToken, olderToken, elsewhereToken, sikhToken, dentistToken)
        .stream().map(t -> Client.connect(server.baseUrl(), t)).toList();
    try {
      awaitOnlineCount(6);
      Response r = search("minAge=25&maxAge=32&gender=female&city=pune&religion=hindu&q=architect&online=true");
      assertThat(usernames(r)).containsExactly(hit);
      assertThat(r.json().getLong("total")).isEqualTo(1);
      // without the online filter the offline twin matches too
      assertThat(usernames(search("minAge=25&maxAge=32&gender=female&city=pune&religion=hindu&q=architect")))
          .containsExactlyInAnyOrder(hit, offline);
      // paging applies to the filtered result
      Response page = search("gender=female&city=pune&size=2&page=1");
      assertThat(page.json().getLong("total")).isEqualTo(5);
      assertThat(usernames(page)).hasSize(2);
    } finally {
      clients.forEach(Client::close);
    }
  }

  void awaitOnlineCount(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() ->
        api.get("/api/users/online-status/count", viewerToken).json().getInteger("count") == count);
  }

  @Test
  void badSearchParametersAreBadRequests() {
    String[][] cases = {
      {"minAge=17", "minAge"},
      {"minAge=101", "minAge"},
      {"maxAge=17", "maxAge"},
      {"maxAge=101", "maxAge"},
      {"minAge=abc", "minAge"},
      {"maxAge=2.5", "maxAge"},
      {"minAge=30&maxAge=25", "minAge"},
      {"gender=robot", "gender"},
      {"size=0", "size"},
      {"size=101", "size"},
      {"page=-1", "page"},
      {"online=maybe", "online"},
      {"q=" + "x".repeat(101), "q"},
      {"city=" + "c".repeat(81), "city"},
      {"religion=" + "r".repeat(41), "religion"},
    };
    for (String[] c : cases) {
      Response r = search(c[0]);
      assertThat(r.status()).as(c[0] + ": " + r.text()).isEqualTo(400);
      assertThat(r.errorCode()).as(c[0]).isEqualTo("bad_request");
      assertThat(r.json().getJsonObject("error").getString("message")).as(c[0]).contains("'" + c[1] + "'");
    }
    for (String q : new String[] {"size=0", "size=101", "page=x"}) {
      Response r = api.get("/api/profiles?" + q, viewerToken);
      assertThat(r.status()).as(q).isEqualTo(400);
      assertThat(r.errorCode()).as(q).isEqualTo("bad_request");
    }
    // the largest page size is allowed
    assertThat(search("size=100").status()).isEqualTo(200);
  }

  @Test
  void profilesNeedAToken() {
    assertThat(api.get("/api/profiles", null).status()).isEqualTo(401);
    assertThat(api.get("/api/profiles/search", null).status()).isEqualTo(401);
    assertThat(api.get("/api/profiles/" + viewer, null).status()).isEqualTo(401);
  }

  @Test
  void oneProfileByUsername() {
    String name = Api.uniqueName("one");
    register(name, new JsonObject().put("displayName", "Arjun Mehta").put("gender", "male").put("city", "Surat")
        .put("heightCm", 178));

    Response r = api.get("/api/profiles/" + name, viewerToken);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().getString("username")).isEqualTo(name);
    assertThat(r.json().getString("displayName")).isEqualTo("Arjun Mehta");
    assertThat(r.json().getString("city")).isEqualTo("Surat");
    assertThat(r.json().getInteger("heightCm")).isEqualTo(178);
    assertThat(r.json().getString("avatarUrl")).isEqualTo("/api/avatars/" + name + ".svg");
    // the same profile the list shows
    JsonArray listed = api.get("/api/profiles", viewerToken).json().getJsonArray("items");
    JsonObject alone = r.json().copy();
    assertThat(alone.remove("photos")).isEqualTo(new JsonArray());
    assertThat(listed.getJsonObject(0)).isEqualTo(alone);
    // names are not case-sensitive
    assertThat(api.get("/api/profiles/" + name.toUpperCase(), viewerToken).json().getString("username"))
        .isEqualTo(name);
    // the viewer can look at their own
    assertThat(api.get("/api/profiles/" + viewer, viewerToken).json().getString("displayName"))
        .isEqualTo("Vera Viewer");
  }

  @Test
  void unknownProfileIsNotFound() {
    Response r = api.get("/api/profiles/" + Api.uniqueName("ghost"), viewerToken);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("not_found");
  }

  @Test
  void generatedAvatarIsAPortraitThatDiffersFromMemberToMember() {
    List<String> names = List.of(Api.uniqueName("avatar"), Api.uniqueName("avatar"), Api.uniqueName("avatar"),
        Api.uniqueName("avatar"), Api.uniqueName("avatar"), Api.uniqueName("avatar"));
    names.forEach(n -> register(n, new JsonObject().put("gender", "female")));

    // no token needed: it is an image URL
    Response r = api.get("/api/avatars/" + names.get(0) + ".svg", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    assertThat(r.text()).startsWith("<svg").endsWith("</svg>");
    // a drawn face (head and eyes), not letters
    assertThat(r.text()).contains("<ellipse cx=\"64\" cy=\"56\"").contains("<circle").doesNotContain("<text");
    // the same member always gets the same picture, different members mostly different ones
    assertThat(api.get("/api/avatars/" + names.get(0) + ".svg", null).text()).isEqualTo(r.text());
    assertThat(names.stream().map(n -> api.get("/api/avatars/" + n + ".svg", null).text()).distinct().count())
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void avatarOfUnknownUserIsNotFound() {
    Response r = api.get("/api/avatars/" + Api.uniqueName("ghost") + ".svg", null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("not_found");
    Response bad = api.get("/api/avatars/" + encode("no such!") + ".svg", null);
    assertThat(bad.status()).isEqualTo(404);
    assertThat(bad.errorCode()).isEqualTo("not_found");
  }
}
