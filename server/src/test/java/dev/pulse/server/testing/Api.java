package dev.pulse.server.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A small REST client for tests (JDK HttpClient), returning status and JSON body. */
public final class Api {
  private static final AtomicInteger NAMES = new AtomicInteger();
  public static final String PASSWORD = "correct-horse-battery";

  /** A response: status, JSON body (empty object when none), raw text and headers. */
  public record Response(int status, JsonObject json, String text, HttpResponse<String> raw) {
    public String errorCode() {
      JsonObject error = json.getJsonObject("error");
      return error == null ? null : error.getString("code");
    }

    /** The {@code Set-Cookie} header that sets {@code name}, whole (with its attributes), or null. */
    public String setCookie(String name) {
      return raw.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
    }

    /** The value {@code Set-Cookie} gives {@code name}, or null. */
    public String cookie(String name) {
      String header = setCookie(name);
      return header == null ? null : header.substring(name.length() + 1).split(";", 2)[0];
    }
  }

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Api(String base) {
    this.base = base;
  }

  /** A fresh unique username with a prefix. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + ProcessHandle.current().pid() % 1000 + "_" + NAMES.incrementAndGet();
  }

  /** Registers {@code username} with a minimal profile and returns the token. */
  public String register(String username) {
    Response r = post("/api/auth/register", null, new JsonObject()
        .put("username", username).put("password", PASSWORD).put("displayName", "User " + username)
        .put("gender", "female").put("dateOfBirth", "1995-05-17").put("city", "Pune").put("religion", "Hindu"));
    if (r.status() != 201) {
      throw new AssertionError("register " + username + " -> " + r.status() + " " + r.text());
    }
    return r.json().getString("token");
  }

  /** A registered member: the username and a token. */
  public record Member(String name, String token) {}

  /** Registers a member with a fresh name made of {@code prefix} ({@link #uniqueName}). */
  public Member member(String prefix) {
    String name = uniqueName(prefix);
    return new Member(name, register(name));
  }

  /** The owner of {@code blockerToken} blocks {@code username}; fails unless that is done (204). */
  public void block(String blockerToken, String username) {
    Response r = put("/api/blocks/" + username, blockerToken, null);
    if (r.status() != 204) {
      throw new AssertionError("block " + username + " -> " + r.status() + " " + r.text());
    }
  }

  /** Logs in; the response as it comes, for tests of refusals as much as of success. */
  public Response login(String username, String password) {
    return post("/api/auth/login", null, new JsonObject().put("username", username).put("password", password));
  }

  /** The first page of the caller's messages with {@code with}. */
  public JsonArray history(String token, String with) {
    Response r = get("/api/conversations/" + with + "/messages", token);
    if (r.status() != 200) {
      throw new AssertionError("history with " + with + " -> " + r.status() + " " + r.text());
    }
    return r.json().getJsonArray("items");
  }

  /** A request to {@code path} on this server, for {@link #raw} with what the other methods don't set. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  /** The Prometheus text of {@code GET /metrics}, read with the fixture's token. */
  public String metrics() {
    Response r = get("/metrics", PulseFixture.METRICS_TOKEN);
    if (r.status() != 200) {
      throw new AssertionError("/metrics -> " + r.status() + " " + r.text());
    }
    return r.text();
  }

  public Response get(String path, String token) {
    return send(request(path).GET(), token);
  }

  public Response post(String path, String token, JsonObject body) {
    return send(request(path)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).header("Content-Type", "application/json"), token);
  }

  public Response put(String path, String token, JsonObject body) {
    return send(request(path)
        .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.encode()))
        .header("Content-Type", "application/json"), token);
  }

  /** Posts raw bytes (an image upload) with {@code contentType}. */
  public Response postBytes(String path, String token, byte[] body, String contentType) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType),
        token);
  }

  /** GETs {@code path} without a token and keeps the body as bytes (an image); redirects are not followed. */
  public HttpResponse<byte[]> bytes(String path) {
    return bytes(path, null);
  }

  /** GETs {@code path} with {@code token} (null: none) and keeps the body as bytes (an image). */
  public HttpResponse<byte[]> bytes(String path, String token) {
    HttpRequest.Builder request = request(path).timeout(Duration.ofSeconds(15)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public Response delete(String path, String token) {
    return send(request(path).DELETE(), token);
  }

  /** A POST without a body that carries {@code cookie} ({@code name=value}), as a browser would. */
  public Response postWithCookie(String path, String cookie) {
    return raw(request(path).POST(HttpRequest.BodyPublishers.noBody()).header("Cookie", cookie));
  }

  public Response delete(String path, String token, JsonObject body) {
    return send(request(path).method("DELETE", HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Content-Type", "application/json"), token);
  }

  public Response raw(HttpRequest.Builder request) {
    return send(request, null);
  }

  private Response send(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.ofString());
      String text = r.body();
      JsonObject json = text != null && text.startsWith("{") ? new JsonObject(text) : new JsonObject();
      return new Response(r.statusCode(), json, text, r);
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
