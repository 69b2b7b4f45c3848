package dev.tuf4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tuf4j.fuzz.TrustedSetHarness.Step;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Each update step of the trusted metadata set, fed fuzzed, mutated and re-signed documents from a
 * valid state; {@link TrustedSetHarness} holds the checks. Seeds in {@code
 * TrustedMetadataSetFuzzTestInputs/} cover each world, mode and option with the genuine document
 * and a few re-signed variants (expired, rolled back, next version).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TrustedMetadataSetFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void updateRoot(byte[] input) {
    TrustedSetHarness.run(Step.ROOT, input);
  }

  @FuzzTest(maxDuration = "60s")
  void updateTimestamp(byte[] input) {
    TrustedSetHarness.run(Step.TIMESTAMP, input);
  }

  @FuzzTest(maxDuration = "60s")
  void updateSnapshot(byte[] input) {
    TrustedSetHarness.run(Step.SNAPSHOT, input);
  }

  @FuzzTest(maxDuration = "60s")
  void updateDelegatedTargets(byte[] input) {
    TrustedSetHarness.run(Step.TARGETS, input);
  }
}
