package dev.tuf4j.testvectors;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The steps of the vector suite where tuf-js (5.0.1) departs from the specification, each with
 * what tuf-js does there and the {@link KnownDifference} that explains it. {@link
 * TufJsScenarioTest} requires tuf-js to do exactly this at these steps (so a fixed or changed
 * behaviour is noticed), and the expected outcome everywhere else. The module README lists them.
 */
final class TufJsDepartures {
  private TufJsDepartures() {}

  /** What tuf-js does at one step instead of the expected outcome. */
  record Departure(KnownDifference difference, String outcome, Map<String, Long> trusted) {}

  private static final Map<String, Departure> DEPARTURES = new TreeMap<>();

  static {
    Object[] top = {"root", 1, "timestamp", 1, "snapshot", 1, "targets", 1};
    add("delegation-errors", 1, KnownDifference.UNLISTED_DELEGATED_ROLE_IS_A_TYPE_ERROR, "format", top);
    Object[] deep = new Object[8 + 64];
    System.arraycopy(top, 0, deep, 0, 8);
    for (int i = 1; i <= 32; i++) {
      deep[8 + 2 * (i - 1)] = String.format("level-%02d", i);
      deep[9 + 2 * (i - 1)] = 1;
    }
    add("max-delegations", 2, KnownDifference.MAX_DELEGATIONS_VISITS_ONE_MORE_ROLE, "success", deep);
    for (int step = 0; step < 3; step++) {
      add("keys-ecdsa-p384", step, KnownDifference.ECDSA_P384_VERIFIED_WITH_SHA256_BY_TUF_JS, "unsigned", "root", 1);
    }
    add("format-errors", 2, KnownDifference.ACCEPTS_VERSION_ZERO, "bad-version", top);
    add("format-errors", 4, KnownDifference.LENIENT_EXPIRES_FORMAT, "success",
        "root", 1, "timestamp", 2, "snapshot", 1, "targets", 1);
  }

  private static void add(String scenario, int step, KnownDifference why, String outcome, Object... trusted) {
    Map<String, Long> t = new TreeMap<>();
    for (int i = 0; i < trusted.length; i += 2) {
      t.put((String) trusted[i], ((Number) trusted[i + 1]).longValue());
    }
    DEPARTURES.put(scenario + "#" + step, new Departure(why, outcome, t));
  }

  static @Nullable Departure of(String scenario, int step) {
    return DEPARTURES.get(scenario + "#" + step);
  }

  static Map<String, Departure> all() {
    return DEPARTURES;
  }
}
