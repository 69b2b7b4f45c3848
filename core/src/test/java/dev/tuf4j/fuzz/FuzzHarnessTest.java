package dev.tuf4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.fuzz.SeedCorpus.Variant;
import dev.tuf4j.fuzz.TrustedSetHarness.Mode;
import dev.tuf4j.fuzz.TrustedSetHarness.Outcome;
import dev.tuf4j.fuzz.TrustedSetHarness.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fuzz harnesses themselves: the committed corpus is what {@link SeedCorpus} generates, input
 * layouts read back as written, and the trusted-set harness reaches every outcome from its seeds (a
 * harness that only ever saw parse errors would pass while testing nothing).
 */
class FuzzHarnessTest {
  private static final String RESOURCES = "src/test/resources/dev/tuf4j/fuzz/";

  /**
   * Every generated seed is committed byte for byte. Run with {@code -Dtuf4j.fuzz.writeSeeds=true}
   * (from {@code core/}) to write them after changing the generator. Extra files, such as crash
   * inputs added as regression cases, are allowed.
   */
  @Test
  void committedSeedCorpusIsTheGeneratedOne() throws IOException {
    boolean write = Boolean.getBoolean("tuf4j.fuzz.writeSeeds");
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, byte[]> seed : SeedCorpus.all().entrySet()) {
      if (write) {
        Path file = Path.of(RESOURCES + seed.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, seed.getValue());
      } else {
        try (InputStream in = getClass().getResourceAsStream(seed.getKey())) {
          if (in == null || !Arrays.equals(in.readAllBytes(), seed.getValue())) {
            stale.add(seed.getKey());
          }
        }
      }
    }
    assertEquals(
        List.of(),
        stale,
        "seed files missing or different; regenerate with mvn -pl core -am test"
            + " -Dtest=FuzzHarnessTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dtuf4j.fuzz.writeSeeds=true");
  }

  @Test
  void inputBuilderWritesWhatTheReaderReads() {
    byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);
    byte[] input =
        new FuzzInput.Builder().pick(3, 5).flag(true).index(700, 1000).index(2, 3).build(payload);
    FuzzInput in = new FuzzInput(input);
    assertEquals(3, in.pick(5));
    assertTrue(in.flag());
    assertEquals(700, in.index(1000));
    assertEquals(2, in.index(3));
    assertArrayEquals(payload, in.rest());
    assertEquals(0, in.pick(7), "an exhausted input reads as zero choices");
  }

  @Test
  void mutationsWithNoEditsGiveTheValidBytes() {
    byte[] valid = FuzzWorld.of(false).timestamp;
    byte[] input = new FuzzInput.Builder().pick(0, 5).build(new byte[0]);
    assertArrayEquals(valid, Mutations.mutate(valid, new FuzzInput(input)));
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void genuineDocumentsAreAcceptedInEveryModeAndOption(Step step) {
    for (FuzzWorld world : FuzzWorld.both()) {
      for (Mode mode : Mode.values()) {
        for (boolean option : List.of(false, true)) {
          // Re-signed bytes differ from the genuine ones, so a hash check refuses them.
          boolean hashChecked =
              world.hashed && mode == Mode.RESIGNED && step != Step.ROOT && step != Step.TIMESTAMP;
          if (!hashChecked) {
            assertEquals(
                Outcome.ACCEPTED,
                run(step, world, mode, option, false, Variant.GENUINE),
                step + " " + world.name() + " " + mode + " option " + option);
          }
        }
      }
    }
  }

  @Test
  void reSignedSnapshotFailingTheTimestampsHashesIsKeptFromCacheButRefusedFromDownload() {
    FuzzWorld hashed = FuzzWorld.of(true);
    assertEquals(
        Outcome.REJECTED, run(Step.SNAPSHOT, hashed, Mode.RESIGNED, false, false, Variant.GENUINE));
    assertEquals(
        Outcome.KEPT_AS_BASELINE,
        run(Step.SNAPSHOT, hashed, Mode.RESIGNED, false, true, Variant.GENUINE));
  }

  @Test
  void expiredButSignedDocumentsReachEveryOutcome() {
    FuzzWorld plain = FuzzWorld.of(false);
    // Intermediate roots may be expired (5.3); timestamp and snapshot become the baseline.
    assertEquals(
        Outcome.ACCEPTED, run(Step.ROOT, plain, Mode.RESIGNED, false, false, Variant.EXPIRED));
    assertEquals(
        Outcome.KEPT_AS_BASELINE,
        run(Step.TIMESTAMP, plain, Mode.RESIGNED, true, false, Variant.EXPIRED));
    assertEquals(
        Outcome.KEPT_AS_BASELINE,
        run(Step.SNAPSHOT, plain, Mode.RESIGNED, false, false, Variant.EXPIRED));
    assertEquals(
        Outcome.REJECTED, run(Step.TARGETS, plain, Mode.RESIGNED, true, false, Variant.EXPIRED));
  }

  @Test
  void versionRulesAreReached() {
    FuzzWorld plain = FuzzWorld.of(false);
    assertEquals(
        Outcome.REJECTED, run(Step.ROOT, plain, Mode.RESIGNED, false, false, Variant.NEXT_VERSION));
    assertEquals(
        Outcome.REJECTED,
        run(Step.TARGETS, plain, Mode.RESIGNED, false, false, Variant.PREVIOUS_VERSION));
    // A timestamp equal to the trusted (old) one keeps the trusted one.
    assertEquals(
        Outcome.ACCEPTED,
        run(Step.TIMESTAMP, plain, Mode.RESIGNED, true, false, Variant.PREVIOUS_VERSION));
  }

  private static Outcome run(
      Step step, FuzzWorld world, Mode mode, boolean option, boolean fromCache, Variant variant) {
    return TrustedSetHarness.run(
        step, SeedCorpus.trustedSetInput(step, world, mode, option, fromCache, variant));
  }
}
