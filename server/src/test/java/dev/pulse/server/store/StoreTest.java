package dev.pulse.server.store;

import dev.pulse.server.testing.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A repository test class: all its tests run once on each {@link Backend}, each test against a
 * freshly migrated database of its own ({@link #store}).
 *
 * <p>{@code @ParameterizedClass} and {@code @EnumSource} are {@code @Inherited} and JUnit injects
 * {@code @Parameter} fields declared in a superclass, so a subclass needs neither. Its own
 * {@code @BeforeEach} methods run once the database is open, its {@code @AfterEach} methods
 * before it is closed.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
abstract class StoreTest {
  @Parameter
  Backend backend;

  StoreFixture store;

  @BeforeEach
  final void openStore() throws Exception {
    store = StoreFixture.open(backend);
  }

  // null when the database could not be opened: there is nothing to close then
  @AfterEach
  final void closeStore() throws Exception {
    if (store != null) {
      store.close();
    }
  }
}
