package dev.tuf4j.fuzz;

import static dev.tuf4j.fuzz.FuzzWorld.DELEGATED_ROLE;
import static dev.tuf4j.fuzz.FuzzWorld.NOW;
import static dev.tuf4j.fuzz.FuzzWorld.REGISTRY;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.client.internal.TrustedMetadataSet;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One update step of {@link TrustedMetadataSet} on a fuzzed document, from a valid state of a
 * {@link FuzzWorld}, with the checks the client workflow promises:
 *
 * <ul>
 *   <li>only the {@link RepositoryException} family escapes (anything else propagates to the fuzzer
 *       as a finding);
 *   <li>a rejected document leaves the trusted state as it was, and the same set then still accepts
 *       the genuine document; the one documented exception is a timestamp or snapshot that verifies
 *       but is expired, or (snapshot) not the version or hashes the timestamp lists: it is kept as
 *       the rollback baseline (docs/decisions.md, "Cached metadata as rollback baseline") and must
 *       then verify and not be a rollback itself;
 *   <li>an accepted document satisfies the step's rules, re-checked here from the spec text
 *       (version, expiry, rollback, listed length and SHA-256, the delegator's threshold); and
 *       unless the harness re-signed it, its signed part is one the repository really signed
 *       (nobody but the key holder can make a signature verify).
 * </ul>
 *
 * <p>Input layout (see {@link FuzzInput}): a flag for the world, the {@link Mode}, the step's own
 * options, then the payload or the mutation choices.
 */
final class TrustedSetHarness {
  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();

  enum Step {
    ROOT,
    TIMESTAMP,
    SNAPSHOT,
    /** Top-level targets (delegated by root) or {@value FuzzWorld#DELEGATED_ROLE} (by targets). */
    TARGETS
  }

  /** How the candidate document is made. */
  enum Mode {
    /** The payload as it is. */
    RAW,
    /** The genuine document with up to four edits ({@link Mutations}). */
    MUTATED,
    /**
     * The payload taken as the {@code signed} object and signed with the role's real keys, so the
     * fuzzer reaches the version, expiry and rollback rules. A payload that is not a JSON object is
     * used as it is.
     */
    RESIGNED
  }

  enum Outcome {
    ACCEPTED,
    REJECTED,
    KEPT_AS_BASELINE
  }

  /** What the set trusts, compared before and after a step. */
  private record State(
      Metadata<Root> root,
      Metadata<Timestamp> timestamp,
      Metadata<Snapshot> snapshot,
      Metadata<Targets> targets,
      Metadata<Targets> delegated) {
    static State of(TrustedMetadataSet set) {
      return new State(
          set.root(),
          set.timestamp().orElse(null),
          set.snapshot().orElse(null),
          set.targets(Targets.TYPE).orElse(null),
          set.targets(DELEGATED_ROLE).orElse(null));
    }
  }

  // One run: the step, the set in its starting state, and the genuine next document.
  private final Step step;
  private final FuzzWorld world;
  private final Mode mode;
  private final TrustedMetadataSet set;
  private final String role;
  private final String delegator;
  private final boolean fromCache;
  private final byte[] genuine;

  /** Whether the candidate carries signatures the harness made with the repository's keys. */
  private boolean resigned;

  private TrustedSetHarness(Step step, FuzzInput in) {
    this.step = step;
    this.world = FuzzWorld.of(in.flag());
    this.mode = in.oneOf(Mode.values());
    try {
      set = new TrustedMetadataSet(world.root1, NOW, REGISTRY);
      boolean option = in.flag();
      boolean cacheOption = false;
      String r;
      String d = Root.TYPE;
      byte[] g;
      switch (step) {
        case ROOT:
          r = Root.TYPE;
          g = world.root2;
          break;
        case TIMESTAMP:
          if (option) {
            set.updateTimestamp(world.timestampOld);
          }
          r = Timestamp.TYPE;
          g = world.timestamp;
          break;
        case SNAPSHOT:
          set.updateTimestamp(world.timestamp);
          if (option) {
            loadStaleCachedSnapshot();
          }
          cacheOption = in.flag();
          r = Snapshot.TYPE;
          g = world.snapshot;
          break;
        default:
          set.updateTimestamp(world.timestamp);
          set.updateSnapshot(world.snapshot, false);
          if (option) {
            set.updateTargets(world.targets);
            r = DELEGATED_ROLE;
            d = Targets.TYPE;
            g = world.delegated;
          } else {
            r = Targets.TYPE;
            g = world.targets;
          }
          break;
      }
      role = r;
      delegator = d;
      genuine = g;
      fromCache = cacheOption;
    } catch (RepositoryException e) {
      throw new AssertionError("the harness's starting state is not valid", e);
    }
  }

  /** Runs {@code step} on the document {@code input} describes and checks the result. */
  static Outcome run(Step step, byte[] input) {
    FuzzInput in = new FuzzInput(input);
    TrustedSetHarness h = new TrustedSetHarness(step, in);
    return h.check(h.candidate(in));
  }

  /** The old snapshot from the cache: trusted as the baseline, refused as current. */
  private void loadStaleCachedSnapshot() {
    try {
      set.updateSnapshot(world.snapshotOld, true);
      throw new AssertionError("a stale cached snapshot was accepted as current");
    } catch (BadVersionException | LengthOrHashMismatchException expected) {
      // Kept as the baseline, as intended.
    } catch (RepositoryException e) {
      throw new AssertionError("the stale cached snapshot failed for the wrong reason", e);
    }
  }

  private byte[] candidate(FuzzInput in) {
    switch (mode) {
      case RAW:
        return in.rest();
      case MUTATED:
        return Mutations.mutate(genuine, in);
      default:
        byte[] payload = in.rest();
        try {
          JsonValue v = PARSER.parse(payload);
          if (v instanceof JsonObject o) {
            resigned = true;
            return world.signAs(role, o);
          }
          return payload;
        } catch (MetadataFormatException e) {
          return payload;
        }
    }
  }

  private Metadata<? extends Signed> apply(byte[] bytes) throws RepositoryException {
    switch (step) {
      case ROOT:
        return set.updateRoot(bytes);
      case TIMESTAMP:
        return set.updateTimestamp(bytes);
      case SNAPSHOT:
        return set.updateSnapshot(bytes, fromCache);
      default:
        return set.updateDelegatedTargets(bytes, role, delegator);
    }
  }

  private Outcome check(byte[] candidate) {
    State before = State.of(set);
    Metadata<? extends Signed> accepted;
    try {
      accepted = apply(candidate);
    } catch (RepositoryException e) {
      State after = State.of(set);
      if (after.equals(before)) {
        requireRecovery(e);
        return Outcome.REJECTED;
      }
      checkKeptBaseline(e, before, after);
      return Outcome.KEPT_AS_BASELINE;
    }
    checkAccepted(accepted, before, State.of(set), candidate);
    return Outcome.ACCEPTED;
  }

  /** After a rejection with the state unchanged, the genuine document must still go through. */
  private void requireRecovery(RepositoryException rejection) {
    try {
      apply(genuine);
    } catch (RepositoryException e) {
      AssertionError failure =
          fail("after a rejected document the genuine one is refused: " + e, e);
      failure.addSuppressed(rejection);
      throw failure;
    }
  }

  private void checkKeptBaseline(RepositoryException e, State before, State after) {
    Metadata<? extends Signed> kept;
    if (step == Step.TIMESTAMP
        && e instanceof ExpiredMetadataException
        && after.equals(withTimestamp(before, after.timestamp()))) {
      kept = after.timestamp();
      if (before.timestamp() != null) {
        requireNoRollback(before.timestamp().signed(), after.timestamp().signed());
      }
    } else if (step == Step.SNAPSHOT
        && (e instanceof ExpiredMetadataException
            || e instanceof BadVersionException
            || e instanceof LengthOrHashMismatchException)
        && after.equals(withSnapshot(before, after.snapshot()))) {
      kept = after.snapshot();
      if (before.snapshot() != null) {
        requireNoRollback(before.snapshot().signed(), after.snapshot().signed());
      }
    } else {
      throw fail("a rejected document changed the trusted state (" + e + ")", e);
    }
    // Only metadata that verifies may serve as the baseline.
    requireThreshold(kept, before);
    requireSignedByRepository(kept);
  }

  private void checkAccepted(
      Metadata<? extends Signed> accepted, State before, State after, byte[] candidate) {
    Signed s = accepted.signed();
    State expected;
    switch (step) {
      case ROOT:
        // 5.3.4-5.3.5: exactly the next version.
        require(s.version() == before.root().signed().version() + 1, "root version not N+1");
        expected = new State(cast(accepted), null, null, null, null);
        break;
      case TIMESTAMP:
        require(!s.isExpired(NOW), "an expired timestamp was accepted");
        if (before.timestamp() != null) {
          requireNoRollback(before.timestamp().signed(), (Timestamp) s);
          if (s.version() == before.timestamp().signed().version()) {
            // 5.4.3: an equal version keeps the trusted timestamp.
            require(accepted == before.timestamp(), "an equal timestamp version replaced it");
          }
        }
        expected = withTimestamp(before, cast(accepted));
        break;
      case SNAPSHOT:
        MetaFile listed = before.timestamp().signed().snapshotMeta();
        require(!s.isExpired(NOW), "an expired snapshot was accepted");
        require(s.version() == listed.version(), "snapshot version is not the timestamp's");
        requireListed(listed, candidate);
        if (before.snapshot() != null) {
          requireNoRollback(before.snapshot().signed(), (Snapshot) s);
        }
        expected = withSnapshot(before, cast(accepted));
        break;
      default:
        MetaFile entry = before.snapshot().signed().roleMeta(role).orElseThrow();
        require(!s.isExpired(NOW), "expired targets metadata was accepted");
        require(s.version() == entry.version(), "targets version is not the snapshot's");
        requireListed(entry, candidate);
        expected =
            role.equals(Targets.TYPE)
                ? new State(
                    before.root(),
                    before.timestamp(),
                    before.snapshot(),
                    cast(accepted),
                    before.delegated())
                : new State(
                    before.root(),
                    before.timestamp(),
                    before.snapshot(),
                    before.targets(),
                    cast(accepted));
        break;
    }
    require(after.equals(expected), "the trusted state is not the accepted document");
    requireThreshold(accepted, before);
    requireSignedByRepository(accepted);
  }

  /**
   * The delegator's threshold of keys signed {@code trusted} (a new root: the old root's and its
   * own), asked of the model directly rather than through the set.
   */
  private void requireThreshold(Metadata<? extends Signed> trusted, State before) {
    Root root = before.root().signed();
    boolean verified;
    if (role.equals(DELEGATED_ROLE)) {
      verified = before.targets().signed().verifyDelegate(role, trusted, REGISTRY).verified();
    } else {
      verified = root.verifyDelegate(role, trusted, REGISTRY).verified();
      if (step == Step.ROOT) {
        verified &= ((Root) trusted.signed()).verifyDelegate(role, trusted, REGISTRY).verified();
      }
    }
    require(verified, "trusted metadata without a threshold of signatures");
  }

  /** The length and SHA-256 the referrer lists, if it lists them, are those of {@code bytes}. */
  private void requireListed(MetaFile listed, byte[] bytes) {
    require(
        listed.length().isEmpty() || listed.length().getAsLong() == bytes.length,
        role + " length is not the one listed");
    String sha256 = listed.hashes().get("sha256");
    require(
        sha256 == null
            || sha256.equalsIgnoreCase(Hex.encode(Digester.digest(HashAlgorithm.SHA256, bytes))),
        role + " SHA-256 is not the one listed");
  }

  /** 5.4.3 and 5.5.5: versions never go down. */
  private void requireNoRollback(Timestamp trusted, Timestamp next) {
    require(next.version() >= trusted.version(), "timestamp version rolled back");
    require(
        next.snapshotMeta().version() >= trusted.snapshotMeta().version(),
        "snapshot version in the timestamp rolled back");
  }

  private void requireNoRollback(Snapshot trusted, Snapshot next) {
    for (Map.Entry<String, MetaFile> e : trusted.meta().entrySet()) {
      MetaFile now = next.meta().get(e.getKey());
      require(now != null, "a role the trusted snapshot lists disappeared: " + e.getKey());
      require(now.version() >= e.getValue().version(), "a role's version rolled back");
    }
  }

  /**
   * Unless the harness signed the candidate itself, what the set trusts must be something the
   * repository signed: the signed part of one of its genuine documents.
   */
  private void requireSignedByRepository(Metadata<? extends Signed> trusted) {
    if (resigned) {
      return;
    }
    byte[] signedPart = trusted.signedBytes();
    for (byte[] genuinePart : world.signedParts()) {
      if (Arrays.equals(signedPart, genuinePart)) {
        return;
      }
    }
    throw fail("trusted metadata that the repository never signed", null);
  }

  private static State withTimestamp(State s, Metadata<Timestamp> t) {
    return new State(s.root(), t, s.snapshot(), s.targets(), s.delegated());
  }

  private static State withSnapshot(State s, Metadata<Snapshot> snap) {
    return new State(s.root(), s.timestamp(), snap, s.targets(), s.delegated());
  }

  @SuppressWarnings("unchecked")
  private static <T extends Signed> Metadata<T> cast(Metadata<? extends Signed> m) {
    return (Metadata<T>) m;
  }

  private void require(boolean condition, String what) {
    if (!condition) {
      throw fail(what, null);
    }
  }

  private AssertionError fail(String what, Throwable cause) {
    List<String> context = new ArrayList<>();
    context.add("step " + step);
    context.add(world.name() + " world");
    context.add("mode " + mode);
    context.add("role " + role);
    if (step == Step.SNAPSHOT) {
      context.add("fromCache " + fromCache);
    }
    return new AssertionError(what + " " + context, cause);
  }
}
