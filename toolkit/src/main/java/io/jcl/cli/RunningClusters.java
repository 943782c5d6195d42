package io.jcl.cli;

import io.jcl.primary.RuntimeDir;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Finds running clusters in {@code $JCL_HOME/run} and talks to their admin API. */
final class RunningClusters {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private RunningClusters() {
  }

  static List<RuntimeDir> live() {
    Path run = RuntimeDir.clustersDir();
    if (!Files.isDirectory(run)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(run)) {
      return dirs.filter(Files::isDirectory).map(RuntimeDir::new)
          .filter(d -> d.livePrimary().isPresent()).sorted((a, b) -> a.name().compareTo(b.name())).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The named cluster, or the only one running when no name is given. */
  static RuntimeDir find(String name) {
    if (name != null) {
      RuntimeDir dir = RuntimeDir.of(name);
      if (dir.livePrimary().isEmpty()) {
        throw new IllegalArgumentException("no cluster named '" + name + "' is running");
      }
      return dir;
    }
    List<RuntimeDir> live = live();
    if (live.isEmpty()) {
      throw new IllegalArgumentException("no cluster is running");
    }
    if (live.size() > 1) {
      throw new IllegalArgumentException("several clusters are running ("
          + String.join(", ", live.stream().map(RuntimeDir::name).toList()) + "): name one");
    }
    return live.get(0);
  }

  static JsonObject status(RuntimeDir dir) throws IOException, InterruptedException {
    return new JsonObject(call(dir, "GET", "/status").body());
  }

  static HttpResponse<String> call(RuntimeDir dir, String method, String path) throws IOException, InterruptedException {
    return HTTP.send(request(dir, method, path), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A call whose answer comes line by line as the primary works (a reload): each line to {@code line}
   * as it arrives; the timeout bounds the wait for the first one only.
   */
  /** What a streamed admin call ended with: its HTTP status and its last event (the result, if complete). */
  record Streamed(int status, JsonObject last) {
    /** The result event, or null when the primary answered otherwise or ended without one. */
    JsonObject result() {
      return status == 200 && last != null && last.containsKey("result") ? last : null;
    }

    String failure(String verb) {
      return "jcl: " + verb + ": the primary answered " + status + (last == null ? "" : " " + last.encode());
    }
  }

  /**
   * {@code POST path} on an admin call that answers one JSON object per line as it goes (a reload, a
   * scale): every event but the last goes to {@code step}; the last one is the result.
   */
  static Streamed progress(RuntimeDir dir, String path, java.util.function.Consumer<JsonObject> step)
      throws IOException, InterruptedException {
    HttpResponse<Stream<String>> r = HTTP.send(request(dir, "POST", path), HttpResponse.BodyHandlers.ofLines());
    JsonObject[] last = {null};
    try (Stream<String> lines = r.body()) {
      lines.forEach(line -> {
        JsonObject e = new JsonObject(line);
        last[0] = e;
        if (!e.containsKey("result")) {
          step.accept(e);
        }
      });
    }
    return new Streamed(r.statusCode(), last[0]);
  }

  /** {@code POST path} with a JSON body, waiting up to {@code timeout} for the answer. */
  static HttpResponse<String> post(RuntimeDir dir, String path, String json, Duration timeout)
      throws IOException, InterruptedException {
    String port = Files.readString(dir.adminPortFile()).trim();
    String token = Files.readString(dir.tokenFile()).trim();
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(RuntimeDir dir, String method, String path) throws IOException {
    String port = Files.readString(dir.adminPortFile()).trim();
    String token = Files.readString(dir.tokenFile()).trim();
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(5))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
  }
}
