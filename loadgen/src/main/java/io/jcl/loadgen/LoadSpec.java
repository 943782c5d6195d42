package io.jcl.loadgen;

import io.vertx.core.http.HttpMethod;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a run needs, validated and immutable. Build with {@link #builder(String)}.
 * The target must be a loopback address: jcl's generator checks a local cluster, it is not a tool for
 * loading someone else's server.
 */
public final class LoadSpec {
  public static final String DEFAULT_WORKER_HEADER = "X-Jcl-Worker";

  private final URI target;
  private final String host;
  private final int port;
  private final String pathAndQuery;
  private final double rps;
  private final Duration duration;
  private final Duration warmup;
  private final Duration timeout;
  private final Duration drain;
  private final int connections;
  private final boolean newConnectionPerRequest;
  private final boolean poisson;
  private final long seed;
  private final Map<String, String> headers;
  private final HttpMethod method;
  private final byte[] body;
  private final String workerHeader;
  private final int sourceIps;
  private final int eventLoops;
  private final double fairnessDelta;
  private final Duration fairnessWindow;
  private final boolean bySlot;
  private final boolean placedBySource;
  private final Set<String> expectedWorkers;
  private final Duration restartAt;
  private final RestartTrigger restartTrigger;
  private final RestartWatch restartWatch;
  private final Thresholds thresholds;
  private final java.util.List<WeightedRequest> requests;

  private LoadSpec(Builder b) {
    this.target = parseTarget(b.url);
    this.host = target.getHost();
    this.port = target.getPort() == -1 ? 80 : target.getPort();
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    this.pathAndQuery = target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    this.rps = positive("rps", b.rps);
    this.duration = positive("duration", b.duration);
    this.warmup = nonNegative("warmup", b.warmup);
    this.timeout = positive("timeout", b.timeout);
    this.drain = nonNegative("drain", b.drain == null ? b.timeout : b.drain);
    if (b.connections < 1) {
      throw new IllegalArgumentException("connections must be >= 1: " + b.connections);
    }
    this.connections = b.connections;
    this.newConnectionPerRequest = b.newConnectionPerRequest;
    this.poisson = b.poisson;
    this.seed = b.seed;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.method = Objects.requireNonNull(b.method, "method");
    this.body = b.body == null ? null : b.body.clone();
    if (b.workerHeader == null || b.workerHeader.isBlank()) {
      throw new IllegalArgumentException("workerHeader must not be blank");
    }
    this.workerHeader = b.workerHeader;
    if (b.sourceIps < 1 || b.sourceIps > 254) {
      throw new IllegalArgumentException("sourceIps must be in 1..254: " + b.sourceIps);
    }
    if (b.sourceIps > 1 && host.contains(":")) {
      throw new IllegalArgumentException("sourceIps spreads clients over 127.0.0.x: it needs an IPv4 or localhost target");
    }
    this.sourceIps = b.sourceIps;
    if (b.eventLoops < 1 || b.eventLoops > 16) {
      throw new IllegalArgumentException("eventLoops must be in 1..16: " + b.eventLoops);
    }
    this.eventLoops = b.eventLoops;
    if (!(b.fairnessDelta > 0 && b.fairnessDelta < 1)) {
      throw new IllegalArgumentException("fairness delta must be in (0, 1): " + b.fairnessDelta);
    }
    this.fairnessDelta = b.fairnessDelta;
    this.fairnessWindow = positive("fairnessWindow", b.fairnessWindow);
    this.bySlot = b.bySlot;
    this.placedBySource = b.placedBySource;
    this.expectedWorkers = Set.copyOf(b.expectedWorkers);
    if (b.restartAt != null && (b.restartAt.isNegative() || b.restartAt.compareTo(b.duration) >= 0)) {
      throw new IllegalArgumentException("restartAt must be within the duration: " + b.restartAt);
    }
    this.restartAt = b.restartAt;
    this.restartTrigger = b.restartTrigger;
    this.restartWatch = b.restartWatch;
    this.thresholds = Objects.requireNonNull(b.thresholds, "thresholds");
    this.requests = b.requests.isEmpty()
        ? java.util.List.of(new WeightedRequest(method, pathAndQuery, headers, body, 1))
        : java.util.List.copyOf(b.requests);
    for (WeightedRequest r : requests) {
      if (r.weight() < 1) {
        throw new IllegalArgumentException("request weight must be >= 1: " + r.weight() + " for " + r.pathAndQuery());
      }
      if (!r.pathAndQuery().startsWith("/")) {
        throw new IllegalArgumentException("request path must start with '/': " + r.pathAndQuery());
      }
      if (r.method() == HttpMethod.HEAD && requests.size() > 1) {
        throw new IllegalArgumentException("a HEAD request cannot be mixed with others (its response has no body to read)");
      }
    }
    if (1e9 / rps < 1) {
      throw new IllegalArgumentException("rps above 1e9 is not meaningful: " + rps);
    }
  }

  public static Builder builder(String url) {
    return new Builder(url);
  }

  private static URI parseTarget(String url) {
    Objects.requireNonNull(url, "target url");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("only http:// targets are supported: " + url);
    }
    if (uri.getHost() == null || !isLoopback(uri.getHost())) {
      throw new IllegalArgumentException("target host must be a loopback address (127.0.0.0/8, ::1 or localhost): " + url);
    }
    return uri;
  }

  /** Whether a host literal (or "localhost") is on loopback, as a target must be; no DNS lookup. */
  public static boolean isLoopbackHost(String host) {
    return isLoopback(host);
  }

  /** Decided on the literal only: no DNS lookup (it could block and could be spoofed). */
  static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static double positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be > 0: " + v);
    }
    return v;
  }

  private static Duration positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0: " + d);
    }
    return d;
  }

  private static Duration nonNegative(String name, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0: " + d);
    }
    return d;
  }

  public URI target() { return target; }
  public String host() { return host; }
  public int port() { return port; }
  public String pathAndQuery() { return pathAndQuery; }
  public double rps() { return rps; }
  public Duration duration() { return duration; }
  public Duration warmup() { return warmup; }
  public Duration timeout() { return timeout; }
  /** How long after the last planned request the run waits for stragglers before IN_FLIGHT_AT_END. */
  public Duration drain() { return drain; }
  public int connections() { return connections; }
  public boolean newConnectionPerRequest() { return newConnectionPerRequest; }
  public boolean poisson() { return poisson; }
  public long seed() { return seed; }
  public Map<String, String> headers() { return headers; }
  public HttpMethod method() { return method; }
  public byte[] body() { return body == null ? null : body.clone(); }
  public String workerHeader() { return workerHeader; }
  public int sourceIps() { return sourceIps; }
  public int eventLoops() { return eventLoops; }
  public double fairnessDelta() { return fairnessDelta; }
  public Duration fairnessWindow() { return fairnessWindow; }
  /**
   * Whether fairness and stickiness are judged per slot (the worker id up to its first '-': jcl's header is
   * {@code slot-pid}), so a slot's old and new process count as one across a roll or a respawn.
   */
  public boolean bySlot() { return bySlot; }
  /**
   * Whether the target places client addresses, not connections (a cluster sticky by client IP): fairness
   * then counts the source addresses each worker got ({@link FairnessUnit#SOURCES}).
   */
  public boolean placedBySource() { return placedBySource; }
  /**
   * The workers the target has (jcl's slots, when judged by slot): fairness counts each, also one that got
   * nothing and so never answered. Empty: the workers that answered.
   */
  public Set<String> expectedWorkers() { return expectedWorkers; }
  public Duration restartAt() { return restartAt; }
  public RestartTrigger restartTrigger() { return restartTrigger; }
  /** Restarts the target goes through on its own (a sick worker replaced), each a window in the report; may be null. */
  public RestartWatch restartWatch() { return restartWatch; }
  public Thresholds thresholds() { return thresholds; }
  /** The kinds of request sent, mixed by weight: the target URL's own request when none was added. */
  public java.util.List<WeightedRequest> requests() { return requests; }

  /** Nanoseconds between planned requests on average: the saturation yardstick for schedule lag. */
  public double intervalNanos() {
    return 1e9 / rps;
  }

  public static final class Builder {
    private final String url;
    private double rps = 100;
    private Duration duration = Duration.ofSeconds(10);
    private Duration warmup = Duration.ZERO;
    private Duration timeout = Duration.ofSeconds(2);
    private Duration drain;
    private int connections = 50;
    private boolean newConnectionPerRequest;
    private boolean poisson;
    private long seed = 42;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpMethod method = HttpMethod.GET;
    private byte[] body;
    private String workerHeader = DEFAULT_WORKER_HEADER;
    private int sourceIps = 1;
    private int eventLoops = 1;
    private double fairnessDelta = 0.10;
    private Duration fairnessWindow = Duration.ofSeconds(1);
    private boolean bySlot;
    private boolean placedBySource;
    private Set<String> expectedWorkers = Set.of();
    private Duration restartAt;
    private RestartTrigger restartTrigger;
    private RestartWatch restartWatch;
    private Thresholds thresholds = Thresholds.NONE;
    private final java.util.List<WeightedRequest> requests = new java.util.ArrayList<>();

    private Builder(String url) {
      this.url = url;
    }

    public Builder rps(double rps) { this.rps = rps; return this; }
    public Builder duration(Duration d) { this.duration = d; return this; }
    public Builder warmup(Duration d) { this.warmup = d; return this; }
    public Builder timeout(Duration d) { this.timeout = d; return this; }
    /** Defaults to the timeout. */
    public Builder drain(Duration d) { this.drain = d; return this; }
    public Builder connections(int n) { this.connections = n; return this; }
    public Builder newConnectionPerRequest(boolean b) { this.newConnectionPerRequest = b; return this; }
    public Builder poisson(boolean b) { this.poisson = b; return this; }
    public Builder seed(long seed) { this.seed = seed; return this; }
    public Builder header(String name, String value) { this.headers.put(name, value); return this; }
    public Builder method(HttpMethod m) { this.method = m; return this; }
    public Builder body(byte[] body) { this.body = body == null ? null : body.clone(); return this; }
    public Builder workerHeader(String name) { this.workerHeader = name; return this; }
    public Builder sourceIps(int k) { this.sourceIps = k; return this; }
    public Builder eventLoops(int n) { this.eventLoops = n; return this; }
    public Builder fairnessDelta(double d) { this.fairnessDelta = d; return this; }
    public Builder fairnessWindow(Duration d) { this.fairnessWindow = d; return this; }
    public Builder bySlot(boolean b) { this.bySlot = b; return this; }
    public Builder placedBySource(boolean b) { this.placedBySource = b; return this; }
    public Builder expectedWorkers(Set<String> ids) { this.expectedWorkers = ids; return this; }
    public Builder restartAt(Duration at) { this.restartAt = at; return this; }
    public Builder restartTrigger(RestartTrigger t) { this.restartTrigger = t; return this; }
    public Builder restartWatch(RestartWatch w) { this.restartWatch = w; return this; }
    public Builder thresholds(Thresholds t) { this.thresholds = t; return this; }
    /**
     * Adds a kind of request to the mix (the URL then names only the host and port); its headers after the
     * ones given to {@link #header}, which every kind carries.
     */
    public Builder request(HttpMethod m, String pathAndQuery, Map<String, String> headers, byte[] body, int weight) {
      Map<String, String> all = new LinkedHashMap<>(this.headers);
      all.putAll(headers);
      this.requests.add(new WeightedRequest(m, pathAndQuery, Collections.unmodifiableMap(all),
          body == null ? null : body.clone(), weight));
      return this;
    }

    public LoadSpec build() {
      return new LoadSpec(this);
    }
  }
}
