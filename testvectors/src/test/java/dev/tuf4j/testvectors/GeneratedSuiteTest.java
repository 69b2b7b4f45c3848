package dev.tuf4j.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tuf4j.vectors.SuiteGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed suite is exactly what {@link SuiteGenerator} writes. With {@code
 * -Dtuf4j.regenerate=true} it rewrites the committed suite instead (then commit the change).
 */
class GeneratedSuiteTest {
  static final String REGENERATE = "mvn -B -pl testvectors -am verify -Dtuf4j.regenerate=true"
      + " -Dtest=GeneratedSuiteTest -Dsurefire.failIfNoSpecifiedTests=false";

  @Test
  void committedSuiteIsWhatTheGeneratorWrites() throws IOException {
    Path committed = VectorSuite.root();
    if (Boolean.getBoolean("tuf4j.regenerate")) {
      SuiteGenerator.write(committed);
    }
    Path fresh = Path.of(System.getProperty(TufJs.BASEDIR_PROPERTY, "")).toAbsolutePath()
        .resolve("target/regenerated-vectors");
    SuiteGenerator.write(fresh);
    TreeSet<String> expected = files(fresh);
    TreeSet<String> actual = files(committed);
    TreeSet<String> all = new TreeSet<>(expected);
    all.addAll(actual);
    for (String f : all) {
      if (!expected.contains(f)) {
        fail("committed file " + f + " is not generated any more; regenerate with: " + REGENERATE);
      }
      if (!actual.contains(f)) {
        fail("generated file " + f + " is not committed; regenerate with: " + REGENERATE);
      }
      if (!Arrays.equals(Files.readAllBytes(fresh.resolve(f)), Files.readAllBytes(committed.resolve(f)))) {
        fail("committed " + f + " differs from what the generator writes; regenerate with: " + REGENERATE);
      }
    }
    assertEquals(expected, actual);
  }

  static TreeSet<String> files(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      List<String> names = all.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
      return new TreeSet<>(names);
    }
  }
}
