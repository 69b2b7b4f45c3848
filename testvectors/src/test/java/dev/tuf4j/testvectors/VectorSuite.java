package dev.tuf4j.testvectors;

import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The committed vector suite, read from the module's resources (format: the module README). */
final class VectorSuite {
  private VectorSuite() {}

  /** One client step and what it must lead to. */
  record Step(int index, int state, Instant clock, String action, @Nullable String target,
      @Nullable JsonObject serve, String outcome, Map<String, Long> trusted, @Nullable String sha256,
      List<String> neverRequested) {
    /** The line the tuf-js driver reads. */
    String driverLine() {
      // A short timeout where the server trickles (the step waits for it), a generous one elsewhere.
      long timeoutMs = serve != null && serve.has("slow") ? 3000 : 30000;
      JsonObject.Builder b = JsonObject.builder().put("clock", clock.toString()).put("action", action)
          .put("timeout_ms", timeoutMs);
      if (target != null) {
        b.put("target", target);
      }
      return JsonText.write(b.build());
    }

    @Override
    public String toString() {
      return "step " + index + " (" + action + (target == null ? "" : " " + target) + " on state " + state
          + " at " + clock + (serve == null ? "" : " serving " + JsonText.write(serve)) + ")";
    }
  }

  record Scenario(String name, String description, List<String> rules, List<String> attacks, Path dir,
      Path trustedRoot, List<Step> steps) {
    Path stateDir(int state) {
      return dir.resolve("states").resolve(Integer.toString(state));
    }
  }

  /** What a client did in one step. */
  record Result(String outcome, Map<String, Long> trusted, @Nullable String sha256, String detail) {}

  /**
   * Every file under {@code dir} (relative path and size), to check that a failed step left no
   * file behind (rule 25: no partial or unverified target files).
   */
  static SortedSet<String> listing(Path dir) {
    SortedSet<String> out = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.add(dir.relativize(p) + " (" + Files.size(p) + " bytes)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Null when a step that did not succeed left the target folder as it was, else what changed.
   */
  static @Nullable String leftovers(Result r, SortedSet<String> before, SortedSet<String> after) {
    if (r.outcome().equals("success") || before.equals(after)) {
      return null;
    }
    return "the failed step changed the target folder from " + before + " to " + after;
  }

  /** Null when the step requested none of its {@code never_requested} paths, else which it did. */
  static @Nullable String forbiddenRequests(Step step, List<String> requestLines) {
    List<String> hit = new ArrayList<>();
    for (String p : step.neverRequested()) {
      if (requestLines.contains("GET /" + p)) {
        hit.add(p);
      }
    }
    return hit.isEmpty() ? null : "requested " + hit + ", which the step must never request";
  }

  /** {@code src/main/resources/dev/tuf4j/vectors} of the testvectors module. */
  static Path root() {
    return Path.of(System.getProperty(TufJs.BASEDIR_PROPERTY, "")).toAbsolutePath()
        .resolve("src/main/resources/dev/tuf4j/vectors");
  }

  static JsonObject read(Path file) {
    try {
      return (JsonObject) JsonText.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Scenario> scenarios() {
    List<Scenario> out = new ArrayList<>();
    JsonObject index = read(root().resolve("suite.json"));
    for (JsonValue name : ((JsonArray) index.get("scenarios")).elements()) {
      out.add(scenario(root().resolve("scenarios").resolve(((JsonString) name).value())));
    }
    return out;
  }

  static Scenario scenario(Path dir) {
    JsonObject s = read(dir.resolve("scenario.json"));
    List<Step> steps = new ArrayList<>();
    int i = 0;
    for (JsonValue v : ((JsonArray) s.get("steps")).elements()) {
      JsonObject st = (JsonObject) v;
      JsonObject expect = (JsonObject) st.get("expect");
      Map<String, Long> trusted = new TreeMap<>();
      JsonObject t = (JsonObject) expect.get("trusted");
      for (String role : t.keys()) {
        trusted.put(role, ((JsonNumber) t.get(role)).value());
      }
      steps.add(new Step(i++, (int) ((JsonNumber) st.get("state")).value(),
          Instant.parse(string(st, "clock")), string(st, "action"), optString(st, "target"),
          (JsonObject) st.get("serve"), string(expect, "outcome"), trusted, optString(expect, "sha256"),
          expect.has("never_requested") ? strings(expect, "never_requested") : List.of()));
    }
    return new Scenario(string(s, "name"), string(s, "description"), strings(s, "rules"), strings(s, "attacks"), dir,
        dir.resolve(string(s, "trusted_root")), steps);
  }

  static String string(JsonObject o, String key) {
    return ((JsonString) o.get(key)).value();
  }

  static @Nullable String optString(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v == null ? null : ((JsonString) v).value();
  }

  static List<String> strings(JsonObject o, String key) {
    List<String> out = new ArrayList<>();
    for (JsonValue v : ((JsonArray) o.get(key)).elements()) {
      out.add(((JsonString) v).value());
    }
    return out;
  }
}
