package dev.tuf4j.fuzz;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.JsonWriter;
import dev.tuf4j.json.StrictJsonParser;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.testing.RepositorySimulator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small repository made by {@link RepositorySimulator} with fixed key seeds, captured as the
 * bytes a client would download at two moments: what the fuzz harnesses start from, mutate and
 * re-sign. One world lists metadata by version only, the other also by length and hashes (then a
 * changed snapshot or targets file fails the hash check before anything else).
 *
 * <p>History: targets v2 (with one target and a delegation to {@value #DELEGATED_ROLE} for {@code
 * files/*}) gives snapshot v2 and timestamp v2, the "old" pair; {@value #DELEGATED_ROLE} v2 then
 * gives snapshot v3 and timestamp v3, the current ones; root v2 has the same keys as root v1.
 */
final class FuzzWorld {
  /** The update's start time; everything the simulator signs expires in 2099. */
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  static final String DELEGATED_ROLE = "role1";
  static final SchemeRegistry REGISTRY = SchemeRegistry.defaults();

  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();
  private static final FuzzWorld PLAIN = new FuzzWorld(false);
  private static final FuzzWorld HASHED = new FuzzWorld(true);

  final boolean hashed;
  final byte[] root1;
  final byte[] root2;
  final byte[] timestampOld;
  final byte[] timestamp;
  final byte[] snapshotOld;
  final byte[] snapshot;
  final byte[] targets;
  final byte[] delegated;
  private final Map<String, List<SigningKey>> signers = new HashMap<>();
  private final List<byte[]> signedParts = new ArrayList<>();

  private FuzzWorld(boolean hashed) {
    this.hashed = hashed;
    RepositorySimulator repo = new RepositorySimulator();
    repo.computeMetafileHashesAndLength = hashed;
    repo.addDelegation(
        "targets", DelegatedRole.forPaths(DELEGATED_ROLE, List.of(), 1, List.of("files/*")));
    repo.addTarget("targets", "top.txt", "top".getBytes(StandardCharsets.UTF_8));
    repo.addTarget(DELEGATED_ROLE, "files/a.txt", "a".getBytes(StandardCharsets.UTF_8));
    repo.updateTargets("targets");
    timestampOld = repo.metadataBytes("timestamp");
    snapshotOld = repo.metadataBytes("snapshot");
    repo.updateTargets(DELEGATED_ROLE);
    timestamp = repo.metadataBytes("timestamp");
    snapshot = repo.metadataBytes("snapshot");
    targets = repo.metadataBytes("targets");
    delegated = repo.metadataBytes(DELEGATED_ROLE);
    root1 = repo.signedRoots.get(0);
    repo.bumpRoot();
    root2 = repo.signedRoots.get(1);
    repo.signers.forEach((role, keys) -> signers.put(role, List.copyOf(keys)));
    for (byte[] document : documents()) {
      signedParts.add(CanonicalJson.encode(signedPart(document)));
    }
  }

  static FuzzWorld of(boolean hashed) {
    return hashed ? HASHED : PLAIN;
  }

  static List<FuzzWorld> both() {
    return List.of(PLAIN, HASHED);
  }

  String name() {
    return hashed ? "hashed" : "plain";
  }

  /** Every document the repository signed, old and current. */
  List<byte[]> documents() {
    return List.of(
        root1, root2, timestampOld, timestamp, snapshotOld, snapshot, targets, delegated);
  }

  /** The canonical bytes of the signed part of each of {@link #documents()}: what was signed. */
  List<byte[]> signedParts() {
    return signedParts;
  }

  /**
   * A metadata file with {@code signed} as its content, signed by the keys the repository uses for
   * {@code role}, written as python-tuf writes files (so control characters are escaped).
   */
  byte[] signAs(String role, JsonObject signed) {
    byte[] canonical = CanonicalJson.encode(signed);
    List<JsonValue> signatures = new ArrayList<>();
    for (SigningKey key : signers.get(role)) {
      signatures.add(
          JsonObject.builder()
              .put("keyid", key.publicKey().keyId())
              .put("sig", Hex.encode(key.sign(canonical)))
              .build());
    }
    return JsonWriter.indented(
        JsonObject.builder()
            .put("signatures", new JsonArray(signatures))
            .put("signed", signed)
            .build());
  }

  /** The {@code signed} object of a document this world made. */
  static JsonObject signedPart(byte[] document) {
    try {
      return (JsonObject) ((JsonObject) PARSER.parse(document)).get("signed");
    } catch (MetadataFormatException e) {
      throw new AssertionError("the simulator wrote a document that does not parse", e);
    }
  }
}
