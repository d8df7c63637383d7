package dev.pulse.server.api;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers that make a browser hold the web app to what it is: scripts, styles, images and
 * connections only from Pulse itself and no inline script (an injected {@code <script>} does not
 * run), never framed (no clickjacking), no MIME sniffing, no referrer sent to other sites, HTTPS
 * only once seen over TLS. And caching that cannot pin an old app: {@code index.html} (and every
 * path the app routes itself) is revalidated on each load, while Vite's hashed files under
 * {@code /assets/} never change and are cached for a year; API answers are not stored unless
 * their route says otherwise.
 */
final class SecurityHeaders {
  static final String CSP = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");
  static final String HSTS = "max-age=31536000";
  static final String ASSETS = "/assets/";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";
  static final String NEVER_STORE = "no-store";

  private SecurityHeaders() {}

  static Handler<RoutingContext> handler(boolean tls) {
    return ctx -> {
      MultiMap headers = ctx.response().headers();
      headers.set("Content-Security-Policy", CSP)
          .set("X-Content-Type-Options", "nosniff")
          .set("X-Frame-Options", "DENY")
          .set("Referrer-Policy", "no-referrer");
      if (tls) {
        headers.set("Strict-Transport-Security", HSTS);
      }
      String path = ctx.request().path();
      // set as the headers go out, over what the static handler chose
      ctx.addHeadersEndHandler(v -> {
        if (path.startsWith("/api/")) {
          if (!headers.contains("Cache-Control")) { // avatars say how long they keep
            headers.set("Cache-Control", NEVER_STORE);
          }
        } else {
          headers.set("Cache-Control", path.startsWith(ASSETS) ? IMMUTABLE : REVALIDATE);
        }
      });
      ctx.next();
    };
  }
}
