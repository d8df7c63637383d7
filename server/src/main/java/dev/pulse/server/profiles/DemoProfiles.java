package dev.pulse.server.profiles;

import dev.pulse.server.auth.PasswordHasher;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.ProfileRepository;
import dev.pulse.server.store.UserRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty database with the demo members from {@code demo/profiles.json}, all with the
 * password {@link #PASSWORD}, so that a first start has people to browse.
 */
public final class DemoProfiles {
  private static final Logger log = LoggerFactory.getLogger(DemoProfiles.class);
  public static final String PASSWORD = "pulse-demo";
  static final String RESOURCE = "demo/profiles.json";

  private DemoProfiles() {}

  /** Seeds when there are no users yet; returns how many members were created. Blocking. */
  public static int seedIfEmpty(Database db, UserRepository users, ProfileRepository profiles,
      PasswordHasher hasher, Clock clock) throws SQLException {
    JsonArray demo = load();
    return db.inTransaction(c -> {
      if (users.count(c) > 0) {
        return 0;
      }
      String hash = hasher.hash(PASSWORD);
      LocalDate today = LocalDate.now(clock);
      Instant start = clock.instant().minusSeconds(demo.size());
      for (int i = 0; i < demo.size(); i++) {
        JsonObject entry = demo.getJsonObject(i);
        String username = ProfileFields.username(entry);
        Profile profile = ProfileFields.forNew(username, entry, today);
        // spread join times so that "newest first" has an order
        Instant joined = start.plusSeconds(i);
        users.insert(c, username, hash, joined);
        profiles.insert(c, profile, joined);
      }
      log.info("seeded {} demo members (password '{}')", demo.size(), PASSWORD);
      return demo.size();
    });
  }

  private static JsonArray load() {
    try (InputStream in = DemoProfiles.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }
}
