package dev.pulse.socketio.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests of one Engine.IO session spread over two nodes, as a round-robin balancer without
 * sticky sessions would spread them: every request after the handshake goes to the other node.
 */
class SessionForwardingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @RegisterExtension
  final Nodes nodes = new Nodes("fwd");
  private final HttpClient http = HttpClient.newHttpClient();

  private Node node() throws Exception {
    return nodes.start(io ->
        io.of("/").onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.getValue(0)))));
  }

  private String get(Node node, String query) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/socket.io/?EIO=4&" + query))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private void post(Node node, String sid, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create(node.url() + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
  }

  private static String sidOf(String handshake) {
    int start = handshake.indexOf("\"sid\":\"") + 7;
    return handshake.substring(start, handshake.indexOf('"', start));
  }

  @Test
  void pollingRequestsOfASessionWorkOnAnyNode() throws Exception {
    Node one = node();
    Node two = node();
    String sid = sidOf(get(one, "transport=polling"));
    assertThat(NodeDirectory.tagOf(sid)).isEqualTo(one.directory.tag());

    post(two, sid, "40");
    assertThat(get(two, "transport=polling&sid=" + sid)).startsWith("40{\"sid\":");
    post(one, sid, "421[\"echo\",\"hello\"]");
    assertThat(get(two, "transport=polling&sid=" + sid)).isEqualTo("431[\"hello\"]");
  }

  @Test
  void upgradeThatLandsOnAnotherNodeReachesTheSession() throws Exception {
    Node one = node();
    Node two = node();
    String sid = sidOf(get(one, "transport=polling"));
    post(one, sid, "40");
    assertThat(get(one, "transport=polling&sid=" + sid)).startsWith("40{");

    List<String> frames = new CopyOnWriteArrayList<>();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(
        URI.create("ws://127.0.0.1:" + two.port + "/socket.io/?EIO=4&transport=websocket&sid=" + sid),
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frames.add(data.toString());
            socket.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    ws.sendText("2probe", true).get(5, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> frames.contains("3probe"));
    ws.sendText("5", true).get(5, TimeUnit.SECONDS);
    ws.sendText("421[\"echo\",\"over websocket\"]", true).get(5, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> frames.contains("431[\"over websocket\"]"));
    ws.abort();
  }

  @Test
  void sessionOfAGoneNodeIsUnknown() throws Exception {
    Node one = node();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(one.url()
        + "/socket.io/?EIO=4&transport=polling&sid=zzzzzz.AAAAAAAAAAAAAAAAAAAA")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Session ID unknown");
  }
}
