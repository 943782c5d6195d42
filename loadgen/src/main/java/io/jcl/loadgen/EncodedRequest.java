package io.jcl.loadgen;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The request as bytes on the wire, encoded once per run: every request of a run is identical, so the
 * hot path writes this same buffer again and again instead of building headers per request.
 */
final class EncodedRequest {
  private EncodedRequest() {
  }

  /** Every kind of request of the run, in the order of {@link LoadSpec#requests()}. */
  static byte[][] encodeAll(LoadSpec spec) {
    return spec.requests().stream().map(r -> encode(spec, r)).toArray(byte[][]::new);
  }

  static byte[] encode(LoadSpec spec) {
    return encode(spec, spec.requests().get(0));
  }

  private static byte[] encode(LoadSpec spec, WeightedRequest r) {
    StringBuilder head = new StringBuilder(256);
    head.append(r.method().name()).append(' ').append(r.pathAndQuery()).append(" HTTP/1.1\r\n");
    boolean hasHost = r.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("host"));
    if (!hasHost) {
      head.append("Host: ").append(spec.host().contains(":") && !spec.host().startsWith("[") ? "[" + spec.host() + "]" : spec.host())
          .append(':').append(spec.port()).append("\r\n");
    }
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    byte[] body = r.body();
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    if (spec.newConnectionPerRequest()) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }
}
