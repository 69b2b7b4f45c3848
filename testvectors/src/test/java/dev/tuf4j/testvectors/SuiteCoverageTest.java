package dev.tuf4j.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The suite covers every rule of CLIENT-WORKFLOW.md and every attack the TUF specification lists,
 * names only known rules, attacks and error kinds, and the README documents all of it.
 */
class SuiteCoverageTest {
  /** The rule ids of ../shared/docs/CLIENT-WORKFLOW.md (V1-V5 and the numbered items 1-25). */
  static final List<String> RULES = rules();
  /** Section 1.5.2 of the specification, "Goals to protect against specific attacks". */
  static final Set<String> ATTACKS = Set.of("arbitrary-installation", "endless-data", "extraneous-dependencies",
      "fast-forward", "indefinite-freeze", "malicious-mirrors", "mix-and-match", "rollback", "slow-retrieval",
      "key-compromise-below-threshold", "wrong-software-installation");
  /** The error kinds of the format (README, "Outcomes"). */
  static final Set<String> OUTCOMES = Set.of("success", "expired", "bad-version", "unsigned", "format",
      "length-or-hash-mismatch", "missing-metadata", "not-found", "download-limit", "slow-retrieval", "http-status");

  static List<String> rules() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      out.add("V" + i);
    }
    for (int i = 1; i <= 25; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }

  @Test
  void everyClientWorkflowRuleHasAScenario() {
    Map<String, List<String>> covered = new TreeMap<>();
    for (VectorSuite.Scenario s : VectorSuite.scenarios()) {
      for (String rule : s.rules()) {
        assertTrue(RULES.contains(rule), s.name() + " names an unknown rule " + rule);
        covered.computeIfAbsent(rule, r -> new ArrayList<>()).add(s.name());
      }
    }
    assertEquals(new TreeSet<>(RULES), covered.keySet());
  }

  @Test
  void everyAttackOfTheSpecificationHasAScenario() {
    Set<String> covered = new TreeSet<>();
    for (VectorSuite.Scenario s : VectorSuite.scenarios()) {
      for (String attack : s.attacks()) {
        assertTrue(ATTACKS.contains(attack), s.name() + " names an unknown attack " + attack);
        covered.add(attack);
      }
    }
    assertEquals(new TreeSet<>(ATTACKS), covered);
  }

  @Test
  void everyStepExpectsAnOutcomeOfTheVocabularyAndAnExistingState() throws IOException {
    for (VectorSuite.Scenario s : VectorSuite.scenarios()) {
      assertTrue(Files.isRegularFile(s.trustedRoot()), s.name());
      for (VectorSuite.Step step : s.steps()) {
        assertTrue(OUTCOMES.contains(step.outcome()), s.name() + " " + step + ": " + step.outcome());
        assertTrue(Files.isDirectory(s.stateDir(step.state())), s.name() + " " + step);
        assertTrue(step.action().equals("refresh") == (step.target() == null), s.name() + " " + step);
      }
    }
  }

  @Test
  void theReadmeDocumentsEveryScenarioRuleAndKnownDeparture() throws IOException {
    String readme = Files.readString(
        Path.of(System.getProperty(TufJs.BASEDIR_PROPERTY, "")).toAbsolutePath().resolve("README.md"));
    for (VectorSuite.Scenario s : VectorSuite.scenarios()) {
      assertTrue(readme.contains("`" + s.name() + "`"), "README lacks scenario " + s.name());
    }
    for (String rule : RULES) {
      assertTrue(readme.contains("| " + rule + " |"), "README's coverage table lacks rule " + rule);
    }
    for (String outcome : OUTCOMES) {
      assertTrue(readme.contains("`" + outcome + "`"), "README lacks outcome " + outcome);
    }
    for (Map.Entry<String, TufJsDepartures.Departure> d : TufJsDepartures.all().entrySet()) {
      assertTrue(readme.contains(d.getValue().difference().name()), "README lacks " + d.getValue().difference());
    }
  }

  @Test
  void everyKnownDepartureIsAStepOfTheSuite() {
    Set<String> steps = new TreeSet<>();
    for (VectorSuite.Scenario s : VectorSuite.scenarios()) {
      for (VectorSuite.Step step : s.steps()) {
        steps.add(s.name() + "#" + step.index());
      }
    }
    for (String key : TufJsDepartures.all().keySet()) {
      assertTrue(steps.contains(key), key);
    }
  }
}
