package dev.pulse.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reporting a member with a reason; only the configured moderators read the reports. */
class ReportsTest extends ServerTest {
  static final String MODERATOR = "mod_" + ProcessHandle.current().pid() % 1000;
  String reporter;
  String reporterToken;
  String reported;

  @Override
  protected Map<String, String> env() {
    return Map.of("ADMIN_USERNAMES", " " + MODERATOR.toUpperCase() + " , someone_else ");
  }

  @BeforeEach
  void members() {
    reporter = Api.uniqueName("rita");
    reporterToken = api.register(reporter);
    reported = Api.uniqueName("spam");
    api.register(reported);
  }

  @Test
  void reportIsStoredAndListedForModeratorsOnly() {
    Response fromProfile = api.post("/api/reports", reporterToken, new JsonObject().put("username", reported)
        .put("reason", "fake_profile").put("details", "Photos are of a film star"));
    assertThat(fromProfile.status()).as(fromProfile.text()).isEqualTo(201);
    assertThat(fromProfile.json().getString("where")).isEqualTo("profile");
    Response fromChat = api.post("/api/reports", reporterToken, new JsonObject().put("username", reported)
        .put("reason", "scam").put("where", "chat"));
    assertThat(fromChat.status()).as(fromChat.text()).isEqualTo(201);

    // members, the reported one included, cannot read reports
    Response refused = api.get("/api/admin/reports", reporterToken);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(api.get("/api/admin/reports", null).status()).isEqualTo(401);

    String moderatorToken = api.register(MODERATOR);
    Response list = api.get("/api/admin/reports", moderatorToken);
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    assertThat(list.json().getLong("total")).isEqualTo(2);
    JsonObject newest = list.json().getJsonArray("items").getJsonObject(0);
    assertThat(newest.getString("reporter")).isEqualTo(reporter);
    assertThat(newest.getString("reported")).isEqualTo(reported);
    assertThat(newest.getString("reason")).isEqualTo("scam");
    assertThat(newest.getString("where")).isEqualTo("chat");
    JsonObject older = list.json().getJsonArray("items").getJsonObject(1);
    assertThat(older.getString("details")).isEqualTo("Photos are of a film star");
    assertThat(older.getLong("id")).isLessThan(newest.getLong("id"));
  }

  @Test
  void badReportsAreRefusedInWordsAndNotStored() {
    Map<String, JsonObject> refused = Map.of(
        "'reason' must be one of", new JsonObject().put("username", reported).put("reason", "dislike"),
        "'reason' is required", new JsonObject().put("username", reported),
        "Say what happened", new JsonObject().put("username", reported).put("reason", "other"),
        "'details' can be at most 1000", new JsonObject().put("username", reported).put("reason", "scam")
            .put("details", "x".repeat(1001)),
        "'where' must be profile or chat", new JsonObject().put("username", reported).put("reason", "scam")
            .put("where", "email"),
        "cannot report yourself", new JsonObject().put("username", reporter).put("reason", "scam"));
    refused.forEach((words, body) -> {
      Response r = api.post("/api/reports", reporterToken, body);
      assertThat(r.status()).as(words).isEqualTo(400);
      assertThat(r.json().getJsonObject("error").getString("message")).contains(words);
    });
    Response ghost = api.post("/api/reports", reporterToken, new JsonObject().put("username", Api.uniqueName("ghost"))
        .put("reason", "scam"));
    assertThat(ghost.status()).isEqualTo(404);
    String moderatorToken = api.register(MODERATOR);
    assertThat(api.get("/api/admin/reports", moderatorToken).json().getLong("total")).isZero();
  }
}
