package dev.pulse.server.reports;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import dev.pulse.server.members.Members;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.ReportRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

/** Members report other members; moderators (the configured admins) read the reports. */
public final class ReportService {
  private final Database db;
  private final ReportRepository reports;
  private final Members members;
  private final Set<String> admins;
  private final Clock clock;

  public ReportService(Database db, ReportRepository reports, Members members, Set<String> admins, Clock clock) {
    this.db = db;
    this.reports = reports;
    this.members = members;
    this.admins = admins;
    this.clock = clock;
  }

  /** Stores {@code reporter}'s report from {@code body}: {@code username}, {@code reason}, {@code details}, {@code where}. */
  public Future<JsonObject> report(String reporter, JsonObject body) {
    String reported = Fields.string(body, "username", true, Fields.USERNAME_MAX).toLowerCase(Locale.ROOT);
    String reason = Fields.string(body, "reason", true, 32);
    if (!Report.REASONS.contains(reason)) {
      throw DomainException.invalid("'reason' must be one of " + String.join(", ", Report.REASONS));
    }
    String details = Fields.string(body, "details", false, Report.DETAILS_MAX);
    if ("other".equals(reason) && details == null) {
      throw DomainException.invalid("Say what happened in 'details' when the reason is other");
    }
    String place = body.getValue("where") == null ? "profile" : Fields.string(body, "where", true, 8);
    if (!Report.PLACES.contains(place)) {
      throw DomainException.invalid("'where' must be profile or chat");
    }
    if (reported.equals(reporter)) {
      throw DomainException.invalid("You cannot report yourself");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return members.require(reported).compose(m -> db.run(c -> {
      Report r = new Report(0, reporter, reported, reason, details, place, now);
      long id = reports.insert(c, r);
      return new Report(id, reporter, reported, reason, details, place, now).toJson();
    }));
  }

  /** A page of reports, newest first; only for admins. */
  public Future<JsonObject> list(String viewer, int page, int size) {
    if (!admins.contains(viewer)) {
      return Future.failedFuture(DomainException.forbidden("Only moderators can read reports"));
    }
    return db.read(c -> {
      JsonArray items = new JsonArray();
      reports.newest(c, size, page * size).forEach(r -> items.add(r.toJson()));
      return new JsonObject().put("items", items).put("page", page).put("size", size).put("total", reports.count(c));
    });
  }
}
