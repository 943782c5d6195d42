package io.jcl.loadgen;

import io.vertx.core.http.HttpMethod;
import java.util.Map;

/**
 * One kind of request in a mix: a run sends each kind in proportion to its weight (see {@link RequestMix}).
 *
 * @param body null for none
 */
public record WeightedRequest(HttpMethod method, String pathAndQuery, Map<String, String> headers, byte[] body,
                              int weight) {
}
