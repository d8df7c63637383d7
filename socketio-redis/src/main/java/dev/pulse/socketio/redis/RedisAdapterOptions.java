package dev.pulse.socketio.redis;

/** Settings of the Redis adapter, each default a named constant. */
public final class RedisAdapterOptions {
  /** Prefix of every channel, so that several applications can share one Redis. */
  public static final String DEFAULT_CHANNEL_PREFIX = "pulse-io";
  /** How long a node waits for the others' answers (acks counts, fetchSockets) at most. */
  public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 5_000;

  private String channelPrefix = DEFAULT_CHANNEL_PREFIX;
  private long requestTimeoutMillis = DEFAULT_REQUEST_TIMEOUT_MILLIS;

  public String channelPrefix() {
    return channelPrefix;
  }

  public RedisAdapterOptions channelPrefix(String prefix) {
    this.channelPrefix = prefix;
    return this;
  }

  public long requestTimeoutMillis() {
    return requestTimeoutMillis;
  }

  public RedisAdapterOptions requestTimeoutMillis(long millis) {
    this.requestTimeoutMillis = millis;
    return this;
  }
}
