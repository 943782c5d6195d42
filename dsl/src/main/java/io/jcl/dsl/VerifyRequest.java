package io.jcl.dsl;

import java.util.Map;

/**
 * One request {@code jcl verify} sends, from {@code verify { request ... }}; requests are mixed in
 * proportion to their weights.
 *
 * @param body null for none
 */
public record VerifyRequest(String method, String path, Map<String, String> headers, String body, int weight,
                            SourcePosition position) {

  public static final VerifyRequest DEFAULT = new VerifyRequest("GET", "/", Map.of(), null, 1, SourcePosition.UNKNOWN);
}
