package dev.tuf4j.vectors;

import dev.tuf4j.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the whole vector suite (see the module README for its format) into a folder. The output
 * depends on nothing but this code: fixed key seeds, a fixed clock ({@link Repo#NOW}) and sorted
 * JSON, so two runs write identical bytes.
 *
 * <p>Regenerate the committed suite with {@code mvn -B -pl testvectors -am verify
 * -Dtuf4j.regenerate=true -Dtest=GeneratedSuiteTest -Dsurefire.failIfNoSpecifiedTests=false}, or
 * run {@link #main} with the target folder as its argument.
 */
public final class SuiteGenerator {
  /** The suite's folder inside the module's resources (and the jar). */
  public static final String RESOURCE_ROOT = "dev/tuf4j/vectors";
  /** Incremented when the format changes incompatibly. */
  public static final int FORMAT_VERSION = 1;

  private SuiteGenerator() {}

  /** Writes the suite into {@code args[0]}, replacing what is there. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: SuiteGenerator OUTPUT_FOLDER");
      System.exit(2);
    }
    write(Path.of(args[0]));
  }

  /** Deletes {@code root} if present and writes the suite into it. */
  public static void write(Path root) {
    try {
      deleteTree(root);
      List<Scenario> scenarios = new ArrayList<>();
      scenarios.addAll(TopLevelScenarios.all());
      scenarios.addAll(DelegationScenarios.all());
      scenarios.addAll(ShapeScenarios.all());
      Set<String> names = new HashSet<>();
      List<String> order = new ArrayList<>();
      for (Scenario s : scenarios) {
        if (!names.add(s.name)) {
          throw new IllegalStateException("two scenarios named " + s.name);
        }
        order.add(s.name);
        writeScenario(root.resolve("scenarios").resolve(s.name), s);
      }
      Path vectors = root.resolve("vectors");
      writeFile(vectors.resolve("canonical-json.json"), Docs.file(ByteVectors.canonicalJson()));
      writeFile(vectors.resolve("signatures.json"), Docs.file(ByteVectors.signatures()));
      writeFile(vectors.resolve("bin-mapping.json"), Docs.file(ByteVectors.binMapping()));
      writeFile(vectors.resolve("path-patterns.json"), Docs.file(ByteVectors.pathPatterns()));
      JsonObject index = JsonObject.builder().put("format_version", FORMAT_VERSION)
          .put("scenarios", Docs.strings(order))
          .put("vectors", Docs.strings(List.of("canonical-json.json", "signatures.json", "bin-mapping.json",
              "path-patterns.json")))
          .build();
      writeFile(root.resolve("suite.json"), Docs.file(index));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeScenario(Path dir, Scenario s) throws IOException {
    writeFile(dir.resolve("scenario.json"), Docs.file(s.toJson()));
    for (int i = 0; i < s.states.size(); i++) {
      for (Map.Entry<String, byte[]> f : s.states.get(i).files.entrySet()) {
        writeFile(dir.resolve("states").resolve(Integer.toString(i)).resolve(f.getKey()), f.getValue());
      }
    }
  }

  private static void writeFile(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
