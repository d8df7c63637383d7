package dev.pulse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Backend;
import dev.pulse.server.testing.PulseFixture;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the browser is told: a Content-Security-Policy without inline script, no framing, no
 * sniffing, no referrer; the app's index page revalidated on every load, its hashed files
 * immutable; HSTS and a Secure session cookie once Pulse serves TLS.
 */
class BrowserHeadersTest {

  @Test
  void webAppIsServedWithAStrictPolicyAndRevalidatedIndex() throws Exception {
    try (PulseFixture server = PulseFixture.start(Backend.SQLITE)) {
      Api api = server.api();
      for (String path : new String[] {"/", "/messages"}) {
        HttpResponse<String> page = api.raw(api.request(path).header("Accept", "text/html").GET()).raw();
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'")
            .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(page.headers().firstValue("Cache-Control")).as(path).contains("no-cache");
        // the page itself has no inline script for the policy to forbid
        Matcher scripts = Pattern.compile("<script[^>]*>").matcher(page.body());
        while (scripts.find()) {
          assertThat(scripts.group()).contains("src=");
        }
      }
      HttpResponse<String> index = api.raw(api.request("/").GET()).raw();
      Matcher asset = Pattern.compile("/assets/[\\w.-]+\\.js").matcher(index.body());
      assertThat(asset.find()).as("index.html names its script").isTrue();
      HttpResponse<String> script = api.raw(api.request(asset.group()).GET()).raw();
      assertThat(script.statusCode()).isEqualTo(200);
      assertThat(script.headers().firstValue("Cache-Control").orElse("")).contains("immutable").contains("max-age=31536000");
      // a revalidation of the index page is answered 304 and stays no-cache
      String etag = index.headers().firstValue("ETag").orElse(null);
      if (etag != null) {
        HttpResponse<String> again = api.raw(api.request("/").header("If-None-Match", etag).GET()).raw();
        assertThat(again.statusCode()).isIn(200, 304);
        assertThat(again.headers().firstValue("Cache-Control").orElse("")).contains("no-cache");
      }
      HttpResponse<String> json = api.raw(api.request("/api/users/online-status/count").GET()).raw();
      assertThat(json.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(json.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }
  }

  @Test
  void tlsAddsStrictTransportSecurityAndASecureSessionCookie() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    try (PulseFixture server = PulseFixture.start(Backend.SQLITE,
        Map.of("TLS_CERT", certificate.certificatePath(), "TLS_KEY", certificate.privateKeyPath()))) {
      HttpClient https = HttpClient.newBuilder().sslContext(trustingEverything())
          .connectTimeout(Duration.ofSeconds(5)).build();
      String base = "https://localhost:" + server.port(); // the certificate names localhost
      HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(base + "/"))
          .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.headers().firstValue("Strict-Transport-Security").orElse("")).contains("max-age=");
      String body = "{\"username\":\"" + Api.uniqueName("tls") + "\",\"password\":\"" + Api.PASSWORD
          + "\",\"displayName\":\"T\",\"gender\":\"female\",\"dateOfBirth\":\"1990-01-01\"}";
      HttpResponse<String> registered = https.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/register"))
          .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
      String cookie = registered.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("pulse_session=")).findFirst().orElse("");
      assertThat(cookie).containsIgnoringCase("; Secure").containsIgnoringCase("; HttpOnly");
    } finally {
      certificate.delete();
    }
  }

  /** The test's own self-signed certificate is the only one this client will meet. */
  private static SSLContext trustingEverything() throws Exception {
    TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, null);
    return context;
  }
}
