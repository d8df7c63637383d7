package dev.pulse.server.profiles;

import dev.pulse.server.api.ApiException;
import dev.pulse.server.presence.PresenceTracker;
import dev.pulse.server.presence.PresenceView;
import dev.pulse.server.presence.Status;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.ProfileRepository;
import dev.pulse.server.store.ProfileRepository.Row;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** Profiles as members see them: with age, avatar and presence (hidden from those blocked). */
public final class ProfileService {
  private final Database db;
  private final ProfileRepository profiles;
  private final Members members;
  private final PresenceTracker presence;
  private final Clock clock;

  public ProfileService(Database db, ProfileRepository profiles, Members members, PresenceTracker presence,
      Clock clock) {
    this.db = db;
    this.profiles = profiles;
    this.members = members;
    this.presence = presence;
    this.clock = clock;
  }

  /** {@code username}'s profile as {@code viewer} sees it. */
  public Future<JsonObject> get(String viewer, String username) {
    return db.run(c -> profiles.find(c, username)).compose(row -> {
      if (row.isEmpty()) {
        return Future.failedFuture(ApiException.notFound("No profile '" + username + "'"));
      }
      if (username.equals(viewer)) {
        return Future.succeededFuture(render(row.get(), false));
      }
      return members.hasBlocked(username, viewer).map(hidden -> render(row.get(), hidden));
    });
  }

  /** A page of other members' profiles matching {@code query}. */
  public Future<JsonObject> search(ProfileQuery query, boolean onlineOnly) {
    return members.blockersOf(query.viewer()).compose(blockers -> {
      ProfileQuery effective = query;
      if (onlineOnly) {
        Set<String> visible = new HashSet<>();
        presence.onlineUsers().forEach(v -> {
          if (!blockers.contains(v.username())) {
            visible.add(v.username());
          }
        });
        effective = new ProfileQuery(query.viewer(), query.minAge(), query.maxAge(), query.gender(), query.city(),
            query.religion(), query.text(), visible, query.page(), query.size());
      }
      ProfileQuery q = effective;
      return db.run(c -> profiles.search(c, q, today())).map(page -> {
        JsonArray items = new JsonArray();
        page.items().forEach(row -> items.add(render(row, blockers.contains(row.profile().username()))));
        return new JsonObject().put("items", items).put("page", q.page()).put("size", q.size())
            .put("total", page.total());
      });
    });
  }

  /** Applies the fields present in {@code changes} to the member's own profile. */
  public Future<JsonObject> update(String username, JsonObject changes) {
    LocalDate today = today();
    return db.tx(c -> {
      Row row = profiles.find(c, username).orElseThrow(() -> ApiException.notFound("No profile '" + username + "'"));
      Profile updated = ProfileFields.merged(row.profile(), changes, today);
      profiles.update(c, updated, clock.instant());
      return new Row(updated, row.lastSeen());
    }).map(row -> render(row, false));
  }

  /** The presence of {@code username} as {@code viewer} may see it. */
  public Future<PresenceView> presenceOf(String viewer, String username, Instant storedLastSeen) {
    return members.hasBlocked(username, viewer).map(hidden -> view(username, storedLastSeen, hidden));
  }

  public PresenceView view(String username, Instant storedLastSeen, boolean hidden) {
    if (hidden) {
      return PresenceView.hidden(username);
    }
    PresenceView online = presence.onlineView(username);
    return online != null ? online : new PresenceView(username, Status.OFFLINE, null, storedLastSeen);
  }

  JsonObject render(Row row, boolean hidden) {
    Profile p = row.profile();
    return new JsonObject()
        .put("username", p.username())
        .put("displayName", p.displayName())
        .put("gender", p.gender())
        .put("dateOfBirth", p.dateOfBirth().toString())
        .put("age", p.ageOn(today()))
        .put("city", p.city())
        .put("country", p.country())
        .put("religion", p.religion())
        .put("motherTongue", p.motherTongue())
        .put("education", p.education())
        .put("occupation", p.occupation())
        .put("heightCm", p.heightCm())
        .put("about", p.about())
        .put("photoUrl", p.photoUrl())
        .put("avatarUrl", Avatars.urlOf(p))
        .put("presence", view(p.username(), row.lastSeen(), hidden).toJson());
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }
}
