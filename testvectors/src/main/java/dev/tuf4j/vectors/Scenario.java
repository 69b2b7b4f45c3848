package dev.tuf4j.vectors;

import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scenario of the suite: repository states and the client steps played against them (see
 * the module README for the file format this is written as).
 */
final class Scenario {
  final String name;
  final String description;
  final List<String> rules;
  final List<String> attacks;
  final KeyRing ring = new KeyRing();
  final List<State> states = new ArrayList<>();
  final List<JsonObject> steps = new ArrayList<>();
  String trustedRoot = "states/0/metadata/1.root.json";
  /** The expected trusted versions after the last step, carried into the next by default. */
  private Map<String, Long> trusted = new TreeMap<>(Map.of("root", 1L));

  Scenario(String name, String description, List<String> rules, List<String> attacks) {
    this.name = name;
    this.description = description;
    this.rules = rules;
    this.attacks = attacks;
  }

  /** Adds a state and returns its index. */
  int state(State s) {
    states.add(s);
    return states.size() - 1;
  }

  /** A step builder for {@code action} against state {@code state}. */
  Step step(int state, String action) {
    return new Step(state, action);
  }

  final class Step {
    private final int state;
    private final String action;
    private Instant clock = Repo.NOW;
    private String target;
    private JsonObject serve;
    private String sha256;
    private List<String> neverRequested;

    private Step(int state, String action) {
      this.state = state;
      this.action = action;
    }

    Step at(Instant t) {
      this.clock = t;
      return this;
    }

    Step target(String path) {
      this.target = path;
      return this;
    }

    /** The downloaded file must have exactly this content. */
    Step content(String text) {
      this.sha256 = Docs.sha256(Docs.utf8(text));
      return this;
    }

    /** Paths (under the server root) the client must not request during this step. */
    Step neverRequested(String... paths) {
      this.neverRequested = List.of(paths);
      return this;
    }

    Step serve(JsonObject flags) {
      this.serve = flags;
      return this;
    }

    /**
     * Records the step with its expected outcome; {@code trustedChanges} are role/version pairs
     * that change the expected trusted versions from the previous step's (version 0 removes).
     */
    void expect(String outcome, Object... trustedChanges) {
      Map<String, Long> t = new TreeMap<>(trusted);
      for (int i = 0; i < trustedChanges.length; i += 2) {
        long v = ((Number) trustedChanges[i + 1]).longValue();
        if (v == 0) {
          t.remove((String) trustedChanges[i]);
        } else {
          t.put((String) trustedChanges[i], v);
        }
      }
      trusted = t;
      JsonObject.Builder tr = JsonObject.builder();
      t.forEach(tr::put);
      JsonObject.Builder ex = JsonObject.builder().put("outcome", outcome).put("trusted", tr.build());
      if (sha256 != null) {
        ex.put("sha256", sha256);
      }
      if (neverRequested != null) {
        ex.put("never_requested", Docs.strings(neverRequested));
      }
      JsonObject.Builder b = JsonObject.builder().put("state", state).put("clock", Docs.time(clock))
          .put("action", action).put("expect", ex.build());
      if (target != null) {
        b.put("target", target);
      }
      if (serve != null) {
        b.put("serve", serve);
      }
      steps.add(b.build());
    }
  }

  JsonObject toJson() {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("name", new JsonString(name));
    m.put("description", new JsonString(description));
    m.put("rules", Docs.strings(rules));
    m.put("attacks", Docs.strings(attacks));
    m.put("trusted_root", new JsonString(trustedRoot));
    m.put("states", new JsonNumber(states.size()));
    m.put("steps", new JsonArray(new ArrayList<>(steps)));
    return JsonObject.of(m);
  }
}
