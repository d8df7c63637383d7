package dev.pulse.server.profiles;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.presence.PresenceView;
import dev.pulse.server.profiles.photos.Photo;
import dev.pulse.server.store.PhotoRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.ProfileRepository;
import dev.pulse.server.store.ProfileRepository.Row;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Profiles as members see them: with age, avatar and presence (hidden from those blocked). */
public final class ProfileService {
  private final Database db;
  private final ProfileRepository profiles;
  private final PhotoRepository photos;
  private final PresenceService presence;
  private final Clock clock;

  /** A generated avatar, or where the member's profile photo is served instead. */
  public record Avatar(byte[] svg, String photoUrl) {}

  public ProfileService(Database db, ProfileRepository profiles, PhotoRepository photos, PresenceService presence,
      Clock clock) {
    this.db = db;
    this.profiles = profiles;
    this.photos = photos;
    this.presence = presence;
    this.clock = clock;
  }

  /** {@code username}'s profile as {@code viewer} sees it, with the gallery of photos. */
  public Future<JsonObject> get(String viewer, String username) {
    return db.read(c -> {
      Row row = profiles.find(c, username)
          .orElseThrow(() -> DomainException.notFound("No profile '" + username + "'"));
      JsonArray gallery = new JsonArray();
      photos.of(c, username).forEach(p -> gallery.add(p.toJson(p.id().equals(row.profile().photoId()))));
      return Map.entry(row, gallery);
    }).compose(found -> rendered(viewer, List.of(found.getKey()))
        .map(list -> list.getJsonObject(0).put("photos", found.getValue())));
  }

  /** A page of other members' profiles matching {@code query}; {@code onlineOnly} keeps those online. */
  public Future<JsonObject> search(ProfileQuery query, boolean onlineOnly) {
    Future<ProfileQuery> effective = !onlineOnly ? Future.succeededFuture(query)
        : presence.onlineFor(query.viewer()).map(online -> {
          Set<String> names = new HashSet<>();
          online.forEach(v -> names.add(v.username()));
          return new ProfileQuery(query.viewer(), query.minAge(), query.maxAge(), query.gender(), query.city(),
              query.religion(), query.text(), names, query.page(), query.size());
        });
    return effective.compose(q -> db.run(c -> profiles.search(c, q, today()))
        .compose(page -> rendered(q.viewer(), page.items()).map(items -> new JsonObject()
            .put("items", items).put("page", q.page()).put("size", q.size()).put("total", page.total()))));
  }

  /** Applies the fields present in {@code changes} to the member's own profile. */
  public Future<JsonObject> update(String username, JsonObject changes) {
    LocalDate today = today();
    return db.tx(c -> {
      Row row = profiles.find(c, username)
          .orElseThrow(() -> DomainException.notFound("No profile '" + username + "'"));
      Profile updated = ProfileFields.merged(row.profile(), changes, today);
      profiles.update(c, updated, clock.instant());
      return null;
    }).compose(done -> get(username, username));
  }

  /**
   * The picture of {@code username}: their profile photo's address when they have one, else the
   * generated portrait (SVG); {@code not_found} for no such member.
   */
  public Future<Avatar> avatar(String username) {
    return db.read(c -> profiles.find(c, username)).map(row -> {
      Profile p = row.orElseThrow(() -> DomainException.notFound("No avatar for '" + username + "'")).profile();
      return p.photoId() != null
          ? new Avatar(null, Photo.url(p.photoId(), Photo.Size.THUMB))
          : new Avatar(Avatars.svg(p), null);
    });
  }

  private Future<JsonArray> rendered(String viewer, List<Row> rows) {
    List<String> names = rows.stream().map(r -> r.profile().username()).toList();
    return presence.viewsFor(viewer, names).map(views -> {
      JsonArray items = new JsonArray();
      rows.forEach(r -> items.add(render(r.profile(), views.get(r.profile().username()))));
      return items;
    });
  }

  private JsonObject render(Profile p, PresenceView presence) {
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
        .put("photoUrl", p.photoId() == null ? null : Photo.url(p.photoId(), Photo.Size.LARGE))
        .put("avatarUrl", Avatars.urlOf(p))
        .put("presence", presence.toJson());
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }
}
