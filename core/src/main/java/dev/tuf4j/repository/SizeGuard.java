package dev.tuf4j.repository;

/**
 * Keeps metadata under the size caps clients apply (python-tuf, go-tuf and tuf-js default to
 * 2,000,000 bytes for snapshot and 5,000,000 for targets metadata; a larger file makes every
 * such client fail). Checked twice: when a configuration is built (from estimates) and when a
 * publish writes a file (exactly). Messages say how many bins would fit.
 */
final class SizeGuard {
  /** Versions assumed when estimating a snapshot before any exists: up to 9,999 per bin. */
  static final int ASSUMED_VERSION_DIGITS = 4;
  /** A snapshot's bytes besides its entries: envelope, one signature, common fields. */
  static final int SNAPSHOT_OVERHEAD = 512;
  /** A bin's bytes besides its targets. */
  static final int BIN_OVERHEAD = 400;
  /** Publish-time suggestions leave this share of the cap for growth and uneven bins. */
  static final double HEADROOM = 0.8;
  static final int MAX_BINS = 65_536;

  private SizeGuard() {}

  static void checkConfig(RepositoryConfig c) {
    int bins = c.binCount();
    long snapshot = snapshotEstimate(c, bins, ASSUMED_VERSION_DIGITS);
    if (snapshot > c.snapshotMaxBytes()) {
      int fit = fewerBinsForSnapshot(c, ASSUMED_VERSION_DIGITS);
      throw new IllegalArgumentException("a snapshot listing " + String.format("%,d", bins) + " bins would be about "
          + String.format("%,d", snapshot) + " bytes (versions up to " + ASSUMED_VERSION_DIGITS + " digits), over the "
          + String.format("%,d", c.snapshotMaxBytes()) + "-byte cap clients apply: " + useBins(fit, "at most"));
    }
    if (c.binStyle() == RepositoryConfig.BinStyle.HASH_PREFIXES) {
      long delegations = hashPrefixBinsEstimate(c, bins);
      if (delegations > c.targetsMaxBytes()) {
        int fit = bins;
        while (fit > 2 && hashPrefixBinsEstimate(c, fit) > c.targetsMaxBytes()) {
          fit /= 2;
        }
        throw new IllegalArgumentException(c.roleName(RoleKind.BINS) + " with " + String.format("%,d", bins)
            + " path_hash_prefixes delegations would be about " + String.format("%,d", delegations)
            + " bytes, over the " + String.format("%,d", c.targetsMaxBytes())
            + "-byte cap clients apply: use succinct bins (TAP 15), or " + useBins(fit, "at most"));
      }
    }
    if (c.expectedTargets() > 0) {
      long largest = largestBinEstimate(c, bins);
      if (largest > c.targetsMaxBytes()) {
        int fit = bins;
        while (fit < MAX_BINS && largestBinEstimate(c, fit) > c.targetsMaxBytes()) {
          fit *= 2;
        }
        boolean fits = largestBinEstimate(c, fit) <= c.targetsMaxBytes();
        throw new IllegalArgumentException(String.format("%,d", c.expectedTargets()) + " targets in "
            + String.format("%,d", bins) + " bins would make the largest bin about " + String.format("%,d", largest)
            + " bytes, over the " + String.format("%,d", c.targetsMaxBytes()) + "-byte cap clients apply: "
            + (fits ? useBins(fit, "at least") : "even 65,536 bins would not do; split the repository"));
      }
    }
  }

  /** Refuses a bin over the cap, suggesting a bin count under which it would fit. */
  static void checkBin(RepositoryConfig c, String name, long size) {
    if (size <= c.targetsMaxBytes()) {
      return;
    }
    int bins = c.binCount();
    int fit = bins;
    while (fit < MAX_BINS && (double) size * bins / fit > HEADROOM * c.targetsMaxBytes()) {
      fit *= 2;
    }
    boolean fits = (double) size * bins / fit <= HEADROOM * c.targetsMaxBytes() && fit > bins;
    throw new MetadataSizeException(name, size, c.targetsMaxBytes(), fits ? fit : 0,
        fits ? "the repository has outgrown " + String.format("%,d", bins) + " bins: " + useBins(fit, "at least")
            : "even 65,536 bins would not do; split the repository");
  }

  /**
   * Refuses a snapshot over the cap, suggesting the largest bin count under which it would fit
   * with room to grow - or saying that the other roles alone are too many.
   *
   * @param binEntryBytes the bytes one bin's entry takes in it now
   */
  static void checkSnapshot(RepositoryConfig c, long size, long binEntryBytes, int otherRoles) {
    if (size <= c.snapshotMaxBytes()) {
      return;
    }
    int bins = c.binCount();
    for (int b = bins / 2; b >= 2; b /= 2) {
      if (size - (long) (bins - b) * binEntryBytes <= c.snapshotMaxBytes() * HEADROOM) {
        throw new MetadataSizeException("snapshot", size, c.snapshotMaxBytes(), b,
            "it lists " + String.format("%,d", bins) + " bins: " + useBins(b, "at most"));
      }
    }
    throw new MetadataSizeException("snapshot", size, c.snapshotMaxBytes(), 0,
        "fewer bins would not do: the " + String.format("%,d", otherRoles)
            + " other roles it lists (delegated projects) take most of it");
  }

  /** Refuses any other targets role over the cap. */
  static void checkTargetsRole(RepositoryConfig c, String role, long size, String advice) {
    if (size > c.targetsMaxBytes()) {
      throw new MetadataSizeException(role, size, c.targetsMaxBytes(), 0, advice);
    }
  }

  private static String useBins(int bins, String bound) {
    return bins == 0 ? "no bin count would fit" : "use " + bound + " " + String.format("%,d", bins) + " bins";
  }

  /** The largest power of two (at least 2) whose snapshot fits, or 0. */
  private static int fewerBinsForSnapshot(RepositoryConfig c, int versionDigits) {
    for (int b = Math.min(c.binCount(), MAX_BINS); b >= 2; b /= 2) {
      if (snapshotEstimate(c, b, versionDigits) <= c.snapshotMaxBytes() * HEADROOM) {
        return b;
      }
    }
    return 0;
  }

  static long snapshotEstimate(RepositoryConfig c, int bins, int versionDigits) {
    int nameLength = c.binNamePrefix().length() + 1 + (Integer.numberOfTrailingZeros(bins) + 3) / 4;
    long perEntry = nameLength + 21L + versionDigits;
    long fixedRoles = 0;
    for (RoleKind k : c.roleKinds()) {
      if (k == RoleKind.TARGETS || k == RoleKind.BINS || k == RoleKind.CLAIMED || k == RoleKind.RECENTLY_CLAIMED) {
        fixedRoles += c.roleName(k).length() + 21L + versionDigits;
      }
    }
    return SNAPSHOT_OVERHEAD + fixedRoles + bins * perEntry;
  }

  static long hashPrefixBinsEstimate(RepositoryConfig c, int bins) {
    int bits = Integer.numberOfTrailingZeros(bins);
    int width = (bits + 3) / 4;
    int perBin = 1 << (width * 4 - bits);
    int nameLength = c.binNamePrefix().length() + 1 + width;
    long perRole = 147L + nameLength + (long) perBin * (width + 3);
    return BIN_OVERHEAD + 200 + bins * perRole;
  }

  /** The expected largest bin: Poisson mean plus five standard deviations, plus five. */
  static long largestBinEstimate(RepositoryConfig c, int bins) {
    double mean = (double) c.expectedTargets() / bins;
    double worst = mean + 5 * Math.sqrt(mean) + 5;
    return BIN_OVERHEAD + (long) Math.ceil(worst * c.averageTargetEntryBytes());
  }
}
