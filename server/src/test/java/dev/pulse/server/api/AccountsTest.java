package dev.pulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Api.Response;
import dev.pulse.server.testing.PulseFixture;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Register, login, the caller's own profile, and the token they get. */
class AccountsTest extends ServerTest {
  // not the default, so that the token test sees the configured lifetime and not a constant
  static final long TOKEN_TTL_MINUTES = 45;

  @Override
  protected Map<String, String> env() {
    return Map.of("TOKEN_TTL_MINUTES", String.valueOf(TOKEN_TTL_MINUTES));
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /** A registration with every profile field filled in. */
  static JsonObject fullProfile(String username) {
    return new JsonObject()
        .put("username", username).put("password", Api.PASSWORD).put("displayName", "Priya Sharma")
        .put("gender", "female").put("dateOfBirth", "1996-04-12").put("city", "Pune").put("country", "India")
        .put("religion", "Hindu").put("motherTongue", "Marathi").put("education", "MBA, Symbiosis")
        .put("occupation", "Product manager").put("heightCm", 163)
        .put("about", "Weekend trekker, weekday spreadsheet wrangler.");
  }

  @Test
  void registerReturnsTokenAndProfileWithAgeFromDateOfBirth() {
    String name = Api.uniqueName("priya");
    // the birthday is tomorrow: a year-only subtraction would be one too high
    LocalDate born = today().minusYears(30).plusDays(1);
    Response r = api.post("/api/auth/register", null, fullProfile(name).put("dateOfBirth", born.toString()));

    assertThat(r.status()).as(r.text()).isEqualTo(201);
    assertThat(r.json().getString("token")).isNotBlank();
    assertThat(Instant.parse(r.json().getString("expiresAt"))).isAfter(Instant.now());
    JsonObject user = r.json().getJsonObject("user");
    JsonObject expected = new JsonObject()
        .put("username", name).put("displayName", "Priya Sharma").put("gender", "female")
        .put("dateOfBirth", born.toString()).put("age", 29).put("city", "Pune").put("country", "India")
        .put("religion", "Hindu").put("motherTongue", "Marathi").put("education", "MBA, Symbiosis")
        .put("occupation", "Product manager").put("heightCm", 163)
        .put("about", "Weekend trekker, weekday spreadsheet wrangler.").put("photoUrl", null)
        .put("avatarUrl", "/api/avatars/" + name + ".svg")
        .put("presence", new JsonObject().put("online", false).put("status", "offline").put("statusText", null)
            .put("lastSeen", null))
        .put("photos", new JsonArray());
    assertThat(user).isEqualTo(expected);

    // the token is for this user
    Response me = api.get("/api/me", r.json().getString("token"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json()).isEqualTo(expected);
  }

  @Test
  void registerWithOnlyRequiredFieldsLeavesTheRestNull() {
    String name = Api.uniqueName("min");
    Response r = api.post("/api/auth/register", null, new JsonObject().put("username", name)
        .put("password", Api.PASSWORD).put("displayName", "Min Imal").put("gender", "other")
        .put("dateOfBirth", "1990-01-01"));

    assertThat(r.status()).as(r.text()).isEqualTo(201);
    JsonObject user = r.json().getJsonObject("user");
    for (String field : new String[] {"city", "country", "religion", "motherTongue", "education", "occupation",
        "heightCm", "about", "photoUrl"}) {
      assertThat(user.containsKey(field)).as(field).isTrue();
      assertThat(user.getValue(field)).as(field).isNull();
    }
    assertThat(user.getString("gender")).isEqualTo("other");
  }

  @Test
  void takenUsernameIsConflict() {
    String name = Api.uniqueName("taken");
    api.register(name);

    Response again = api.post("/api/auth/register", null, fullProfile(name));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("conflict");
    assertThat(again.json().getJsonObject("error").getString("message")).contains(name);

    // names are lower-cased first, so a different case is the same name
    Response upper = api.post("/api/auth/register", null, fullProfile(name.toUpperCase()));
    assertThat(upper.status()).isEqualTo(409);
    assertThat(upper.errorCode()).isEqualTo("conflict");

    // the first account is untouched: its password still works
    assertThat(api.login(name, Api.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void usernameIsLowerCased() {
    String name = Api.uniqueName("MiXeD");
    Response r = api.post("/api/auth/register", null, fullProfile(name));

    assertThat(r.status()).as(r.text()).isEqualTo(201);
    String lower = name.toLowerCase();
    assertThat(r.json().getJsonObject("user").getString("username")).isEqualTo(lower);
    assertThat(r.json().getJsonObject("user").getString("avatarUrl")).isEqualTo("/api/avatars/" + lower + ".svg");
    assertThat(JWT.decode(r.json().getString("token")).getSubject()).isEqualTo(lower);
    // either spelling logs in to the same account
    Response login = api.login(name, Api.PASSWORD);
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().getJsonObject("user").getString("username")).isEqualTo(lower);
  }

  record Invalid(String field, Consumer<JsonObject> spoil) {}

  @Test
  void invalidFieldsAreBadRequestsNamingTheField() {
    LocalDate today = today();
    // each spoils an otherwise valid registration in one field, which the message must name
    List<Invalid> cases = List.of(
        new Invalid("username", b -> b.put("username", "bad name!")),
        new Invalid("username", b -> b.put("username", "ab")),
        new Invalid("username", b -> b.put("username", "x".repeat(33))),
        new Invalid("username", b -> b.remove("username")),
        new Invalid("password", b -> b.put("password", "7-chars")),
        new Invalid("password", b -> b.put("password", "p".repeat(129))),
        new Invalid("password", b -> b.remove("password")),
        new Invalid("displayName", b -> b.remove("displayName")),
        new Invalid("displayName", b -> b.put("displayName", "   ")),
        new Invalid("displayName", b -> b.put("displayName", "d".repeat(81))),
        new Invalid("dateOfBirth", b -> b.put("dateOfBirth", today.minusYears(18).plusDays(1).toString())),
        new Invalid("dateOfBirth", b -> b.put("dateOfBirth", today.minusYears(101).toString())),
        new Invalid("dateOfBirth", b -> b.put("dateOfBirth", "1990-13-01")),
        new Invalid("dateOfBirth", b -> b.remove("dateOfBirth")),
        new Invalid("gender", b -> b.put("gender", "robot")),
        new Invalid("gender", b -> b.remove("gender")),
        new Invalid("heightCm", b -> b.put("heightCm", 99)),
        new Invalid("heightCm", b -> b.put("heightCm", 251)),
        new Invalid("heightCm", b -> b.put("heightCm", 170.5)),
        new Invalid("heightCm", b -> b.put("heightCm", "tall")),
        new Invalid("photoUrl", b -> b.put("photoUrl", "ftp://example.com/me.jpg")),
        new Invalid("photoUrl", b -> b.put("photoUrl", "javascript:alert(1)")),
        new Invalid("city", b -> b.put("city", "c".repeat(81))),
        new Invalid("about", b -> b.put("about", "a".repeat(2001))));

    String name = Api.uniqueName("valid");
    for (Invalid c : cases) {
      JsonObject body = fullProfile(name);
      c.spoil().accept(body);
      Response r = api.post("/api/auth/register", null, body);
      assertThat(r.status()).as(c.field() + ": " + r.text()).isEqualTo(400);
      assertThat(r.errorCode()).as(c.field()).isEqualTo("bad_request");
      assertThat(r.json().getJsonObject("error").getString("message")).as(c.field()).contains("'" + c.field() + "'");
    }

    // none of those created the account
    Response r = api.post("/api/auth/register", null, fullProfile(name));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
  }

  @Test
  void ageLimitsAreInclusive() {
    LocalDate today = today();
    // 18 today, and 100 until tomorrow: both allowed
    Response eighteen = api.post("/api/auth/register", null,
        fullProfile(Api.uniqueName("young")).put("dateOfBirth", today.minusYears(18).toString()));
    assertThat(eighteen.status()).as(eighteen.text()).isEqualTo(201);
    assertThat(eighteen.json().getJsonObject("user").getInteger("age")).isEqualTo(18);

    Response hundred = api.post("/api/auth/register", null,
        fullProfile(Api.uniqueName("old")).put("dateOfBirth", today.minusYears(101).plusDays(1).toString()));
    assertThat(hundred.status()).as(hundred.text()).isEqualTo(201);
    assertThat(hundred.json().getJsonObject("user").getInteger("age")).isEqualTo(100);

    // 101 today, and 18 only tomorrow: refused
    Response tooOld = api.post("/api/auth/register", null,
        fullProfile(Api.uniqueName("older")).put("dateOfBirth", today.minusYears(101).toString()));
    assertThat(tooOld.status()).as(tooOld.text()).isEqualTo(400);
    Response tooYoung = api.post("/api/auth/register", null,
        fullProfile(Api.uniqueName("younger")).put("dateOfBirth", today.minusYears(18).plusDays(1).toString()));
    assertThat(tooYoung.status()).as(tooYoung.text()).isEqualTo(400);
  }

  @Test
  void loginReturnsATokenThatWorks() {
    String name = Api.uniqueName("login");
    api.register(name);

    Response r = api.login(name, Api.PASSWORD);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().getJsonObject("user").getString("username")).isEqualTo(name);
    assertThat(r.json().getJsonObject("user").getString("displayName")).isEqualTo("User " + name);

    Response me = api.get("/api/me", r.json().getString("token"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().getString("username")).isEqualTo(name);
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() {
    String name = Api.uniqueName("pw");
    api.register(name);

    Response wrong = api.login(name, Api.PASSWORD + "x");
    Response unknown = api.login(Api.uniqueName("nobody"), Api.PASSWORD);

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.errorCode()).isEqualTo("unauthorized");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.errorCode()).isEqualTo("unauthorized");
    // the answer must not tell whether the username exists
    assertThat(unknown.json()).isEqualTo(wrong.json());
    assertThat(wrong.json().containsKey("token")).isFalse();
  }

  @Test
  void meWithoutTokenIsUnauthorized() {
    Response r = api.get("/api/me", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.errorCode()).isEqualTo("unauthorized");
  }

  @Test
  void editChangesOnlyTheGivenFields() {
    String name = Api.uniqueName("edit");
    String token = api.post("/api/auth/register", null, fullProfile(name)).json().getString("token");
    JsonObject before = api.get("/api/me", token).json();

    Response r = api.put("/api/me", token, new JsonObject().put("city", "Mumbai").put("heightCm", 170));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonObject expected = before.copy().put("city", "Mumbai").put("heightCm", 170);
    assertThat(r.json()).isEqualTo(expected);
    // stored, not just echoed
    assertThat(api.get("/api/me", token).json()).isEqualTo(expected);

    // a new date of birth changes the age with it
    LocalDate born = today().minusYears(40);
    r = api.put("/api/me", token, new JsonObject().put("dateOfBirth", born.toString()).put("gender", "MALE"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    expected.put("dateOfBirth", born.toString()).put("age", 40).put("gender", "male");
    assertThat(r.json()).isEqualTo(expected);
  }

  @Test
  void editWithNullClearsAnOptionalField() {
    String name = Api.uniqueName("clear");
    String token = api.post("/api/auth/register", null, fullProfile(name)).json().getString("token");
    JsonObject before = api.get("/api/me", token).json();

    Response r = api.put("/api/me", token, new JsonObject().putNull("about").putNull("heightCm").putNull("city"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonObject expected = before.copy().putNull("about").putNull("heightCm").putNull("city");
    assertThat(r.json()).isEqualTo(expected);
    assertThat(api.get("/api/me", token).json()).isEqualTo(expected);

    // a required field cannot be cleared, and a refused edit changes nothing
    Response refused = api.put("/api/me", token, new JsonObject().putNull("displayName").put("country", "Nepal"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("bad_request");
    assertThat(refused.json().getJsonObject("error").getString("message")).contains("'displayName'");
    assertThat(api.get("/api/me", token).json()).isEqualTo(expected);
  }

  @Test
  void usernameCannotBeChanged() {
    String name = Api.uniqueName("keep");
    String other = Api.uniqueName("other");
    String token = api.register(name);

    Response r = api.put("/api/me", token, new JsonObject().put("username", other).put("displayName", "Kept Name"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().getString("username")).isEqualTo(name);
    assertThat(r.json().getString("displayName")).isEqualTo("Kept Name");
    assertThat(api.get("/api/me", token).json().getString("username")).isEqualTo(name);
    assertThat(api.get("/api/profiles/" + other, token).status()).isEqualTo(404);
    assertThat(api.login(name, Api.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void tokenIsAnHs256JwtWithSubjectIssuedAtAndExpiry() {
    String name = Api.uniqueName("jwt");
    api.register(name);
    Instant before = Instant.now().minusSeconds(1);
    Response r = api.login(name, Api.PASSWORD);
    Instant after = Instant.now().plusSeconds(1);
    String token = r.json().getString("token");

    DecodedJWT jwt = JWT.decode(token);
    assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
    assertThat(jwt.getSubject()).isEqualTo(name);
    Instant iat = jwt.getIssuedAtAsInstant();
    Instant exp = jwt.getExpiresAtAsInstant();
    assertThat(iat).isBetween(before, after);
    assertThat(Duration.between(iat, exp)).isEqualTo(Duration.ofMinutes(TOKEN_TTL_MINUTES));
    // expiresAt in the response is the same moment (the claim has whole seconds)
    assertThat(Instant.parse(r.json().getString("expiresAt")).getEpochSecond()).isEqualTo(exp.getEpochSecond());
    // signed with the server's secret
    assertThat(JWT.require(Algorithm.HMAC256(PulseFixture.JWT_SECRET)).build().verify(token).getSubject())
        .isEqualTo(name);
  }
}
