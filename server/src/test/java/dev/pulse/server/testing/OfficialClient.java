package dev.pulse.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official socket.io client (the web app's, built with the web module), driven by a Node
 * script of {@code src/test/js} that prints one JSON line as its report.
 */
public final class OfficialClient {
  private static final Path MODULE = Path.of("../web/node_modules/socket.io-client").toAbsolutePath().normalize();

  private OfficialClient() {}

  /** Starts {@code script} with the client's directory and then {@code args} as its arguments. */
  public static Process start(String script, Redirect stderr, String... args) throws IOException {
    assertThat(Files.isDirectory(MODULE)).as("the web app's socket.io-client (built with the web module)").isTrue();
    List<String> command = new ArrayList<>(List.of("node", "src/test/js/" + script, MODULE.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(stderr).start();
  }

  /** Waits for the script to end and returns its report. */
  public static JsonObject report(Process client, long timeoutSeconds) throws IOException, InterruptedException {
    BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(client.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("the client finished").isTrue();
    assertThat(line).as("the client's report").isNotNull();
    return new JsonObject(line);
  }
}
