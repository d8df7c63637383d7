package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.profiles.Profile;
import dev.pulse.server.profiles.ProfileQuery;
import dev.pulse.server.store.ProfileRepository.Page;
import dev.pulse.server.store.ProfileRepository.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Profiles: stored and read back field for field, and the list / search query. */
class ProfileRepositoryTest extends StoreTest {
  // search takes "today" as an argument: a fixed day makes the age boundaries exact
  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
  static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

  final ProfileRepository profiles = new ProfileRepository();

  static Profile full(String username) {
    return new Profile(username, "Priya Sharma", "female", LocalDate.of(1996, 4, 12), "Pune", "India", "Hindu",
        "Marathi", "MBA, Symbiosis", "Product manager", 163, "Weekend trekker, weekday spreadsheet wrangler.",
        null);
  }

  static Profile with(String username, String gender, LocalDate born, String city, String religion) {
    return new Profile(username, "Member " + username, gender, born, city, null, religion, null, null, null,
        null, null, null);
  }

  Page search(ProfileQuery q) throws Exception {
    return store.tx(c -> profiles.search(c, q, TODAY));
  }

  Page search(String viewer, Integer minAge, Integer maxAge, String gender, String city, String religion,
      String text, Set<String> only) throws Exception {
    return search(new ProfileQuery(viewer, minAge, maxAge, gender, city, religion, text, only, 0, 100));
  }

  Optional<Row> find(String username) throws Exception {
    return store.tx(c -> profiles.find(c, username));
  }

  static List<String> names(Page page) {
    return page.items().stream().map(r -> r.profile().username()).toList();
  }

  @Test
  void everyFieldRoundTrips() throws Exception {
    Profile priya = full("priya");
    store.member(priya, T0);

    assertThat(find("priya")).hasValue(new Row(priya, null));
  }

  @Test
  void absentOptionalFieldsRoundTripAsNull() throws Exception {
    Profile bare = StoreFixture.profile("bare");
    store.member(bare, T0);

    Row row = find("bare").orElseThrow();
    assertThat(row.profile()).isEqualTo(bare);
    assertThat(row.profile().heightCm()).isNull();
    assertThat(row.profile().photoId()).isNull();
  }

  @Test
  void findCarriesTheStoredLastSeen() throws Exception {
    store.member(full("priya"), T0);
    Instant seen = Instant.parse("2026-06-14T21:15:30.250Z");
    store.tx(c -> {
      store.users.setLastSeen(c, "priya", seen);
      return null;
    });

    assertThat(find("priya").orElseThrow().lastSeen()).isEqualTo(seen);
  }

  @Test
  void findAllGivesTheProfilesThatExistByNameInOneQuery() throws Exception {
    store.member(full("priya"), T0);
    store.member(full("arjun"), T0);
    Instant seen = Instant.parse("2026-06-14T21:15:30.250Z");
    store.tx(c -> {
      store.users.setLastSeen(c, "arjun", seen);
      return null;
    });

    Map<String, Row> found = store.tx(c -> store.profiles.findAll(c, List.of("priya", "arjun", "nobody")));
    assertThat(found).containsOnlyKeys("priya", "arjun");
    assertThat(found.get("priya").profile()).isEqualTo(full("priya"));
    assertThat(found.get("arjun").lastSeen()).isEqualTo(seen);
    Map<String, Row> none = store.tx(c -> store.profiles.findAll(c, List.of()));
    assertThat(none).isEmpty();
  }

  @Test
  void updateReplacesEveryFieldAndNullClears() throws Exception {
    store.member(full("priya"), T0);
    store.member(full("other"), T0);

    Profile changed = new Profile("priya", "Priya S. Kulkarni", "other", LocalDate.of(1995, 12, 31), "Mumbai",
        "Nepal", "Buddhist", "Hindi", "PhD, IISc", "Researcher", 250, "Changed everything.", null);
    store.tx(c -> {
      profiles.update(c, changed, T0.plusSeconds(60));
      return null;
    });
    assertThat(find("priya").orElseThrow().profile()).isEqualTo(changed);

    Profile cleared = new Profile("priya", "Priya", "female", LocalDate.of(1995, 12, 31), null, null, null, null,
        null, null, null, null, null);
    store.tx(c -> {
      profiles.update(c, cleared, T0.plusSeconds(120));
      return null;
    });
    assertThat(find("priya").orElseThrow().profile()).isEqualTo(cleared);
    // only that profile changed
    assertThat(find("other").orElseThrow().profile()).isEqualTo(full("other"));
  }

  @Test
  void unknownProfileIsEmpty() throws Exception {
    assertThat(find("ghost")).isEmpty();
  }

  @Test
  void listIsNewestFirstWithoutTheViewerAndPaged() throws Exception {
    store.member("viewer", T0);
    store.member("a", T0.plusSeconds(1));
    store.member("b", T0.plusSeconds(2));
    // joined at the same moment: by name
    store.member("d", T0.plusSeconds(3));
    store.member("c", T0.plusSeconds(3));
    store.member("e", T0.plusSeconds(4));

    Page all = search(ProfileQuery.all("viewer", 0, 100));
    assertThat(names(all)).containsExactly("e", "c", "d", "b", "a");
    assertThat(all.total()).isEqualTo(5);

    Page second = search(ProfileQuery.all("viewer", 1, 2));
    assertThat(names(second)).containsExactly("d", "b");
    assertThat(second.total()).isEqualTo(5);
    Page third = search(ProfileQuery.all("viewer", 2, 2));
    assertThat(names(third)).containsExactly("a");
    Page beyond = search(ProfileQuery.all("viewer", 3, 2));
    assertThat(names(beyond)).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);

    // someone else sees the viewer
    assertThat(names(search(ProfileQuery.all("a", 0, 100)))).containsExactly("e", "c", "d", "b", "viewer");
  }

  @Test
  void ageFiltersIncludeBothBoundaries() throws Exception {
    store.member("viewer", T0);
    store.member(with("age24", "other", TODAY.minusYears(25).plusDays(1), null, null), T0.plusSeconds(1));
    store.member(with("age25", "other", TODAY.minusYears(25), null, null), T0.plusSeconds(2));
    store.member(with("age30", "other", TODAY.minusYears(31).plusDays(1), null, null), T0.plusSeconds(3));
    store.member(with("age31", "other", TODAY.minusYears(31), null, null), T0.plusSeconds(4));

    Page range = search("viewer", 25, 30, null, null, null, null, null);
    assertThat(names(range)).containsExactly("age30", "age25");
    assertThat(range.total()).isEqualTo(2);
    assertThat(names(search("viewer", 25, null, null, null, null, null, null)))
        .containsExactly("age31", "age30", "age25");
    assertThat(names(search("viewer", null, 30, null, null, null, null, null)))
        .containsExactly("age30", "age25", "age24");
    assertThat(names(search("viewer", 31, 31, null, null, null, null, null))).containsExactly("age31");
    assertThat(names(search("viewer", 24, 24, null, null, null, null, null))).containsExactly("age24");
  }

  @Test
  void genderCityAndReligionFilters() throws Exception {
    LocalDate born = LocalDate.of(1994, 1, 1);
    store.member("viewer", T0);
    store.member(with("asha", "female", born, "Pune", "Hindu"), T0.plusSeconds(1));
    store.member(with("bilal", "male", born, "pune", "Muslim"), T0.plusSeconds(2));
    store.member(with("chen", "other", born, "Mumbai", null), T0.plusSeconds(3));
    store.member(with("dev", "male", born, null, "HINDU"), T0.plusSeconds(4));

    assertThat(names(search("viewer", null, null, "female", null, null, null, null))).containsExactly("asha");
    assertThat(names(search("viewer", null, null, "male", null, null, null, null))).containsExactly("dev", "bilal");
    assertThat(names(search("viewer", null, null, null, "PUNE", null, null, null))).containsExactly("bilal", "asha");
    assertThat(names(search("viewer", null, null, null, "Pun", null, null, null))).isEmpty();
    assertThat(names(search("viewer", null, null, null, null, "hindu", null, null))).containsExactly("dev", "asha");
    assertThat(names(search("viewer", null, null, "male", "pune", "muslim", null, null))).containsExactly("bilal");
    Page none = search("viewer", null, null, "female", "mumbai", null, null, null);
    assertThat(names(none)).isEmpty();
    assertThat(none.total()).isZero();
  }

  @Test
  void textSearchesEachColumnAndTakesWildcardsLiterally() throws Exception {
    LocalDate born = LocalDate.of(1994, 1, 1);
    store.member("viewer", T0);
    store.member(new Profile("n1", "Zephyrine Rao", "female", born, null, null, null, null, null, null, null,
        null, null), T0.plusSeconds(1));
    store.member(new Profile("o1", "Member o1", "female", born, null, null, null, null, null, "Glassblower",
        null, null, null), T0.plusSeconds(2));
    store.member(new Profile("e1", "Member e1", "female", born, null, null, null, null, "MSc Oceanography",
        null, null, null, null), T0.plusSeconds(3));
    store.member(new Profile("c1", "Member c1", "female", born, "Kohima", null, null, null, null, null, null,
        null, null), T0.plusSeconds(4));
    store.member(new Profile("a1", "Member a1", "female", born, null, null, null, null, null, null, null,
        "Sale: 100% off, file_name and a back\\slash", null), T0.plusSeconds(5));

    assertThat(names(search("viewer", null, null, null, null, null, "ZEPHYR", null))).containsExactly("n1");
    assertThat(names(search("viewer", null, null, null, null, null, "glassblow", null))).containsExactly("o1");
    assertThat(names(search("viewer", null, null, null, null, null, "oceanography", null))).containsExactly("e1");
    assertThat(names(search("viewer", null, null, null, null, null, "kohi", null))).containsExactly("c1");
    assertThat(names(search("viewer", null, null, null, null, null, "100% off", null))).containsExactly("a1");
    assertThat(names(search("viewer", null, null, null, null, null, "file_name", null))).containsExactly("a1");
    assertThat(names(search("viewer", null, null, null, null, null, "back\\slash", null))).containsExactly("a1");
    // % and _ are not wildcards
    assertThat(names(search("viewer", null, null, null, null, null, "sale%off", null))).isEmpty();
    assertThat(names(search("viewer", null, null, null, null, null, "file_nam_", null))).isEmpty();
    assertThat(names(search("viewer", null, null, null, null, null, "Member ", null)))
        .containsExactly("a1", "c1", "e1", "o1");
  }

  @Test
  void onlyUsersRestrictsTheResult() throws Exception {
    store.member("viewer", T0);
    store.member(with("asha", "female", LocalDate.of(1994, 1, 1), "Pune", null), T0.plusSeconds(1));
    store.member(with("bina", "female", LocalDate.of(1994, 1, 1), "Delhi", null), T0.plusSeconds(2));
    store.member(with("chitra", "female", LocalDate.of(1994, 1, 1), "Pune", null), T0.plusSeconds(3));

    Page only = search("viewer", null, null, null, null, null, null, Set.of("asha", "chitra", "viewer", "ghost"));
    assertThat(names(only)).containsExactly("chitra", "asha");
    assertThat(only.total()).isEqualTo(2);
    // with another filter
    assertThat(names(search("viewer", null, null, null, "delhi", null, null, Set.of("asha", "chitra")))).isEmpty();
    assertThat(names(search("viewer", null, null, null, "pune", null, null, Set.of("asha", "bina"))))
        .containsExactly("asha");
    // nobody online: nobody, not everybody
    Page empty = search("viewer", null, null, null, null, null, null, Set.of());
    assertThat(names(empty)).isEmpty();
    assertThat(empty.total()).isZero();
    // paging counts the restricted set
    Page paged = search(new ProfileQuery("viewer", null, null, null, null, null, null,
        Set.of("asha", "bina", "chitra"), 1, 2));
    assertThat(names(paged)).containsExactly("asha");
    assertThat(paged.total()).isEqualTo(3);
  }
}
