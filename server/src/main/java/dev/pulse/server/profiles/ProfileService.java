package dev.pulse.server.profiles;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.members.Member;
import dev.pulse.server.members.Members;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.presence.PresenceView;
import dev.pulse.server.profiles.photos.Photo;
import dev.pulse.server.store.PhotoRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.ProfileRepository;
import dev.pulse.server.store.ProfileRepository.Row;
import dev.pulse.server.store.SavedFilterRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profiles as members see them: with age, avatar and presence (hidden from those blocked); the
 * dashboard (with the member's saved filters) and search, online and recently active first.
 */
public final class ProfileService {
  private final Database db;
  private final ProfileRepository profiles;
  private final PhotoRepository photos;
  private final SavedFilterRepository filters;
  private final Members members;
  private final PresenceService presence;
  private final Clock clock;

  /** A generated avatar, or where the member's profile photo is served instead. */
  public record Avatar(byte[] svg, String photoUrl) {}

  public ProfileService(Database db, ProfileRepository profiles, PhotoRepository photos, SavedFilterRepository filters,
      Members members, PresenceService presence, Clock clock) {
    this.db = db;
    this.profiles = profiles;
    this.photos = photos;
    this.filters = filters;
    this.members = members;
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

  /** The dashboard: a page of other members' profiles through the viewer's saved filters, which it names. */
  public Future<JsonObject> dashboard(String viewer, int page, int size) {
    return filters(viewer).compose(saved -> search(ProfileQuery.all(viewer, page, size).with(saved), false)
        .map(result -> result.put("filters", saved.toJson())));
  }

  /**
   * A page of other members' profiles matching {@code query}, online members first, then the
   * recently active ({@link ProfileOrder}); {@code onlineOnly} keeps those online.
   */
  public Future<JsonObject> search(ProfileQuery query, boolean onlineOnly) {
    String viewer = query.viewer();
    Future<ProfileOrder> order = presence.onlineFor(viewer).compose(online -> members.find(viewer).map(found -> {
      Set<String> names = new HashSet<>();
      online.forEach(v -> names.add(v.username()));
      return new ProfileOrder(names, found.map(Member::blockedBy).map(Set::copyOf).orElse(Set.of()));
    }));
    return order.compose(o -> {
      ProfileQuery q = onlineOnly ? query.only(o.online()) : query;
      return db.run(c -> profiles.search(c, q, today(), o))
          .compose(page -> rendered(viewer, page.items()).map(items -> new JsonObject()
              .put("items", items).put("page", q.page()).put("size", q.size()).put("total", page.total())));
    });
  }

  /** The filters {@code username} saved (none: every one null). */
  public Future<SavedFilters> filters(String username) {
    return db.read(c -> filters.find(c, username).orElse(SavedFilters.NONE));
  }

  /** Replaces {@code username}'s saved filters; saving none forgets them. */
  public Future<SavedFilters> saveFilters(String username, SavedFilters saved) {
    return db.run(c -> {
      if (saved.isEmpty()) {
        filters.delete(c, username);
      } else {
        filters.save(c, username, saved, clock.instant());
      }
      return saved;
    });
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
