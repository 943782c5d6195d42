package io.jcl.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request kinds are sent in proportion to their weights, spread out, each encoded with its own line and body. */
class RequestMixTest {

  private static WeightedRequest kind(String path, int weight) {
    return new WeightedRequest(HttpMethod.GET, path, Map.of(), null, weight);
  }

  @Test
  void weightsAreKeptAndSpreadOut() {
    assertArrayEquals(new int[] {0, 0, 1, 0}, RequestMix.sequence(List.of(kind("/a", 3), kind("/b", 1))));
    assertArrayEquals(new int[] {0, 1}, RequestMix.sequence(List.of(kind("/a", 5), kind("/b", 5))));
    int[] nine = RequestMix.sequence(List.of(kind("/", 9), kind("/health", 1)));
    assertEquals(10, nine.length);
    assertEquals(1, java.util.Arrays.stream(nine).filter(k -> k == 1).count());
  }

  @Test
  void eachKindIsEncodedWithItsMethodPathHeadersAndBody() {
    LoadSpec spec = LoadSpec.builder("http://127.0.0.1:8080/ignored").header("X-Run", "1")
        .request(HttpMethod.GET, "/", Map.of(), null, 1)
        .request(HttpMethod.POST, "/api", Map.of("Content-Type", "text/plain"), "hi".getBytes(StandardCharsets.UTF_8), 2)
        .build();
    byte[][] all = EncodedRequest.encodeAll(spec);
    String get = new String(all[0], StandardCharsets.ISO_8859_1);
    String post = new String(all[1], StandardCharsets.ISO_8859_1);
    assertEquals("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nX-Run: 1\r\n\r\n", get);
    assertEquals("POST /api HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nX-Run: 1\r\nContent-Type: text/plain\r\n"
        + "Content-Length: 2\r\n\r\nhi", post);
  }

  @Test
  void headCannotBeMixed() {
    assertThrows(IllegalArgumentException.class, () -> LoadSpec.builder("http://127.0.0.1:8080/")
        .request(HttpMethod.HEAD, "/", Map.of(), null, 1).request(HttpMethod.GET, "/", Map.of(), null, 1).build());
  }
}
