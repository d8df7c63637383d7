package dev.pulse.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's meters, exposed at {@code GET /metrics} in Prometheus text format. */
public final class PulseMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger socketsConnected = new AtomicInteger();
  private final AtomicInteger usersOnline = new AtomicInteger();
  private final Counter messagesSent;
  private final Counter messagesDelivered;
  private final Timer deliveryLatency;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public PulseMetrics() {
    Gauge.builder("pulse.sockets.connected", socketsConnected, AtomicInteger::get)
        .description("Socket.IO connections open on this node").register(registry);
    Gauge.builder("pulse.users.online", usersOnline, AtomicInteger::get)
        .description("Users with at least one connection (or within the offline grace period)")
        .register(registry);
    messagesSent = Counter.builder("pulse.messages.sent")
        .description("Messages stored (duplicates by clientId not counted)").register(registry);
    messagesDelivered = Counter.builder("pulse.messages.delivered")
        .description("Messages acknowledged by a connection of the recipient").register(registry);
    deliveryLatency = Timer.builder("pulse.message.delivery")
        .description("From a message's arrival to its push to the recipient's connections")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  public void socketConnected() {
    socketsConnected.incrementAndGet();
  }

  public void socketDisconnected() {
    socketsConnected.decrementAndGet();
  }

  public void usersOnline(int count) {
    usersOnline.set(count);
  }

  public void messageSent() {
    messagesSent.increment();
  }

  /** A message reached the recipient's connections, this long after it arrived. */
  public void messagePushed(long nanosSinceArrival) {
    deliveryLatency.record(Duration.ofNanos(nanosSinceArrival));
  }

  public void messagesDelivered(int count) {
    messagesDelivered.increment(count);
  }

  /** Counts an event refused by a rate limit; {@code kind} is messages, typing, events or login. */
  public void rateLimited(String kind) {
    Counter.builder("pulse.rate.limited").tag("kind", kind)
        .description("Requests and events refused by a rate limit").register(registry).increment();
  }

  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
