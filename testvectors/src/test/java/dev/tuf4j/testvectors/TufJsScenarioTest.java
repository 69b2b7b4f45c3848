package dev.tuf4j.testvectors;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential runner: drives the real tuf-js client ({@code src/test/node/scenario.js}, one
 * Node process per scenario) through every scenario of the vector suite, and requires its verdict
 * and trusted versions to be the expected ones, except where {@link TufJsDepartures} lists a known
 * departure from the specification, which must then show exactly as recorded.
 */
class TufJsScenarioTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> tufJsGivesTheExpectedOutcomesExceptTheKnownDepartures() {
    TufJs tufJs = TufJs.get();
    return VectorSuite.scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> run(tufJs, s)));
  }

  private void run(TufJs tufJs, VectorSuite.Scenario s) throws IOException {
    Path home = Files.createTempDirectory(tmp, s.name());
    Path metadata = home.resolve("metadata");
    Files.createDirectories(metadata);
    Files.copy(s.trustedRoot(), metadata.resolve("root.json"));
    List<String> failures = new ArrayList<>();
    try (ScenarioServer server = new ScenarioServer();
        Session node = new Session(tufJs, List.of("--metadata-dir", metadata.toString(),
            "--target-dir", home.resolve("targets").toString(), "--metadata-url", server.metadataUrl().toString(),
            "--target-base-url", server.targetsUrl().toString()))) {
      for (VectorSuite.Step step : s.steps()) {
        server.show(s.stateDir(step.state()), step.serve());
        SortedSet<String> before = VectorSuite.listing(home.resolve("targets"));
        int requestsBefore = server.requestLines().size();
        VectorSuite.Result r = node.play(step);
        List<String> requests = server.requestLines();
        String left = VectorSuite.leftovers(r, before, VectorSuite.listing(home.resolve("targets")));
        String forbidden = VectorSuite.forbiddenRequests(step, requests.subList(requestsBefore, requests.size()));
        if (forbidden != null) {
          left = left == null ? forbidden : left + "; " + forbidden;
        }
        TufJsDepartures.Departure d = TufJsDepartures.of(s.name(), step.index());
        String problem;
        if (d == null) {
          problem = Tuf4jScenarioTest.compare(step, r);
        } else {
          problem = d.outcome().equals(r.outcome()) && d.trusted().equals(r.trusted()) ? null
              : "tuf-js no longer shows the known difference " + d.difference() + " (expected from it: "
                  + d.outcome() + " " + d.trusted() + ", got " + r.outcome() + " " + r.trusted() + ", " + r.detail()
                  + "); update TufJsDepartures";
        }
        if (left != null) {
          problem = problem == null ? left : problem + "; " + left;
        }
        if (problem != null) {
          failures.add(s.name() + " " + step + ": expected " + step.outcome() + " " + step.trusted()
              + ", tuf-js: " + r.outcome() + " " + r.trusted() + " (" + r.detail() + ")\n    " + problem
              + "\n    requests: " + server.requestLines());
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
  }

  /** One {@code scenario.js} process, fed a step per line. */
  static final class Session implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private final CompletableFuture<String> err;

    Session(TufJs tufJs, List<String> args) throws IOException {
      List<String> command = new ArrayList<>(List.of(TufJs.executable("node").toString(),
          tufJs.home().resolve("scenario.js").toString()));
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command).directory(tufJs.home().toFile());
      pb.environment().remove("NODE_OPTIONS");
      pb.environment().remove("DEBUG");
      process = pb.start();
      in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      err = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "<unreadable: " + e + ">";
        }
      });
    }

    VectorSuite.Result play(VectorSuite.Step step) throws IOException {
      in.write(step.driverLine() + "\n");
      in.flush();
      String line = readLine();
      JsonObject o = (JsonObject) JsonText.parse(line);
      Map<String, Long> trusted = new TreeMap<>();
      JsonObject t = (JsonObject) o.get("trusted");
      for (String role : t.keys()) {
        trusted.put(role, ((JsonNumber) t.get(role)).value());
      }
      JsonValue error = o.get("error");
      String detail = error == null ? "" : ((JsonString) error).value() + ": " + ((JsonString) o.get("message")).value();
      return new VectorSuite.Result(((JsonString) o.get("outcome")).value(), trusted, optString(o, "sha256"), detail);
    }

    private String readLine() throws IOException {
      CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      try {
        String l = line.get(TufJs.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (l == null) {
          throw new AssertionError("the tuf-js driver exited: " + stderr());
        }
        return l;
      } catch (TimeoutException e) {
        process.destroyForcibly();
        throw new AssertionError("the tuf-js driver did not answer within " + TufJs.RUN_TIMEOUT, e);
      } catch (ExecutionException e) {
        throw new AssertionError("cannot read from the tuf-js driver: " + stderr(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    private String stderr() {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
        return err.get(10, TimeUnit.SECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        return "<no stderr: " + e + ">";
      }
    }

    private static @Nullable String optString(JsonObject o, String key) {
      JsonValue v = o.get(key);
      return v == null ? null : ((JsonString) v).value();
    }

    @Override
    public void close() throws IOException {
      in.close();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
