package io.jcl.health;

import io.jcl.dsl.Deployment.HealthConfig;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gunicorn's {@code max_requests} with {@code max_requests_jitter}: a worker is recycled after serving
 * maxRequests plus a random 0..jitter requests, drawn once per worker, so workers started together (a
 * whole cluster, a roll) do not all reach their limit in the same second.
 */
public final class RequestLimit {

  private final long limit;
  private final String described;

  private RequestLimit(long limit, String described) {
    this.limit = limit;
    this.described = described;
  }

  /** The limit for one new worker; none when the script sets no maxRequests. */
  public static RequestLimit draw(HealthConfig config) {
    if (config.maxRequests() == null) {
      return new RequestLimit(-1, null);
    }
    int jitter = config.maxRequestsJitter() == 0 ? 0 : ThreadLocalRandom.current().nextInt(config.maxRequestsJitter() + 1);
    return new RequestLimit((long) config.maxRequests() + jitter,
        "maxRequests " + config.maxRequests() + (config.maxRequestsJitter() == 0 ? "" : " + jitter " + jitter));
  }

  /** Why the worker is recycled after {@code served} requests of its own, or null. */
  public String reached(long served) {
    return limit >= 0 && served >= limit ? "served " + served + " requests (" + described + ")" : null;
  }
}
