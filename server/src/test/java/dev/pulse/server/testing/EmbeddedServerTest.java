package dev.pulse.server.testing;

import java.util.List;

/**
 * A {@link ServerTest} whose behaviour cannot depend on the database (presence, sockets, limits
 * kept in memory): it runs on the embedded one only, since a second run on PostgreSQL would only
 * double the suite's time. Its {@code backends()} hides {@link ServerTest#backends()} (a second
 * {@code @EnumSource} would not do: JUnit adds it to the inherited one).
 */
public abstract class EmbeddedServerTest extends ServerTest {
  protected static List<Backend> backends() {
    return List.of(Backend.SQLITE);
  }
}
