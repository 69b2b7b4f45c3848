package dev.tuf4j.vectors;

import static dev.tuf4j.vectors.TopLevelScenarios.OK;
import static dev.tuf4j.vectors.TopLevelScenarios.repoWithTargets;

import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Scenarios of key types and real-world document shapes (V1-V5). */
final class ShapeScenarios {
  private ShapeScenarios() {}

  static List<Scenario> all() {
    List<Scenario> out = new ArrayList<>();
    for (KeyType t : List.of(KeyType.ECDSA_P256, KeyType.ECDSA_P384, KeyType.RSA)) {
      out.add(keyType(t));
    }
    out.add(mixedKeys());
    out.add(realWorld());
    out.add(roleNames(false));
    out.add(roleNames(true));
    out.add(formatErrors());
    return out;
  }

  static String keyTypeName(KeyType t) {
    return t.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Scenario keyType(KeyType type) {
    Scenario s = new Scenario("keys-" + keyTypeName(type), "Every role, a delegated one included, signed with "
        + type.scheme().tufName() + " keys; a root rotation to another key of that type", List.of("V4", "4"), List.of());
    Repo r = new Repo(s.ring);
    for (String role : Repo.TOP) {
      r.keys.put(role, List.of(s.ring.key(role + "-1", type)));
    }
    r.addTarget("targets", "hello.txt", "hello, world\n");
    r.delegate("targets", "delegated", List.of(s.ring.key("delegated", type)), List.of("d/*"));
    r.addTarget("delegated", "d/file.txt", "delegated\n");
    int st0 = s.state(r.publish());
    r.keys.put("root", List.of(s.ring.key("root-2", type)));
    r.commitRoot();
    int st1 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st0, "download").target("d/file.txt").content("delegated\n").expect(OK, "delegated", 1);
    s.step(st1, "refresh").expect(OK, "root", 2);
    return s;
  }

  static Scenario mixedKeys() {
    Scenario s = new Scenario("keys-mixed", "Root with threshold 2 of an Ed25519, an ECDSA P-256 and an RSA-PSS"
        + " key; each other role a different key type; a P-256 key listed with the legacy keytype"
        + " \"ecdsa-sha2-nistp256\"", List.of("V3", "V4"), List.of());
    Repo r = new Repo(s.ring);
    SigningKey p256 = s.ring.key("snapshot-1", KeyType.ECDSA_P256);
    r.keys.put("root", List.of(s.ring.ed25519("root-1"), s.ring.key("root-1", KeyType.ECDSA_P256),
        s.ring.key("root-1", KeyType.RSA)));
    r.thresholds.put("root", 2);
    r.keys.put("timestamp", List.of(s.ring.key("timestamp-1", KeyType.RSA)));
    r.keys.put("snapshot", List.of(p256));
    r.keys.put("targets", List.of(s.ring.ed25519("targets-1")));
    r.addTarget("targets", "hello.txt", "hello, world\n");
    // Only two of the three root keys sign.
    r.signers.put("root", List.of(s.ring.key("root-1", KeyType.ECDSA_P256), s.ring.key("root-1", KeyType.RSA)));
    r.edits.put("root", o -> {
      JsonObject keys = (JsonObject) o.get("keys");
      String id = p256.publicKey().keyId();
      JsonObject legacy = ((JsonObject) keys.get(id)).toBuilder().put("keytype", "ecdsa-sha2-nistp256").build();
      return o.toBuilder().put("keys", keys.toBuilder().put(id, legacy).build()).build();
    });
    int st = s.state(r.publish());
    s.step(st, "download").target("hello.txt").content("hello, world\n")
        .expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    return s;
  }

  static Scenario realWorld() {
    Scenario s = new Scenario("real-world-shapes", "Shapes real repositories publish: spec_version \"1.0\","
        + " unknown fields on keys, roles, delegations, targets and the signed object (all covered by the"
        + " signatures), empty and unknown-keyid signatures next to valid ones, sha256 and sha512 target"
        + " hashes, custom target fields", List.of("V1", "V2", "V3"), List.of());
    Repo r = repoWithTargets(s);
    r.specVersion = "1.0";
    r.metaHashes = true;
    r.keys.put("timestamp", List.of(s.ring.ed25519("timestamp-1"), s.ring.ed25519("timestamp-2")));
    r.signers.put("timestamp", List.of(s.ring.ed25519("timestamp-1")));
    r.delegate("targets", "project.a", List.of(s.ring.ed25519("project")), List.of("project/*"));
    r.addTarget("project.a", "project/p-1.0.tar.gz", "project 1.0\n");
    r.edits.put("root", o -> {
      JsonObject keys = (JsonObject) o.get("keys");
      JsonObject.Builder k = keys.toBuilder();
      for (String id : keys.keys()) {
        k.put(id, ((JsonObject) keys.get(id)).toBuilder()
            .put("keyid_hash_algorithms", Docs.strings(List.of("sha256", "sha512"))).build());
      }
      JsonObject roles = (JsonObject) o.get("roles");
      JsonObject.Builder rb = roles.toBuilder();
      for (String role : roles.keys()) {
        rb.put(role, ((JsonObject) roles.get(role)).toBuilder().put("x-role-note", "custom " + role).build());
      }
      return o.toBuilder().put("keys", k.build()).put("roles", rb.build()).put("x-repository", "vectors").build();
    });
    r.edits.put("targets", o -> {
      JsonObject list = (JsonObject) o.get("targets");
      JsonObject hello = (JsonObject) list.get("hello.txt");
      byte[] content = Docs.utf8("hello, world\n");
      JsonObject entry = hello.toBuilder()
          .put("hashes", JsonObject.builder().put("sha256", Docs.sha256(content)).put("sha512", Docs.sha512(content)).build())
          .put("custom", JsonObject.builder().put("file_permissions", "0644").put("requires", Docs.strings(List.of())).build())
          .build();
      JsonObject dels = (JsonObject) o.get("delegations");
      JsonArray roles = (JsonArray) dels.get("roles");
      JsonObject role0 = ((JsonObject) roles.get(0)).toBuilder().put("x-maintainer", "someone").build();
      return o.toBuilder().put("targets", list.toBuilder().put("hello.txt", entry).build())
          .put("delegations", dels.toBuilder().put("roles", JsonArray.of(role0)).build())
          .put("x-generated-by", "tuf4j vectors").build();
    });
    r.envelopeEdits.put("timestamp", e -> withExtraSignatures(e,
        Docs.signature(s.ring.ed25519("timestamp-2").publicKey().keyId(), "")));
    r.envelopeEdits.put("snapshot", e -> withExtraSignatures(e,
        Docs.signature("00".repeat(32), ""), Docs.signature("ab".repeat(32), "00".repeat(64))));
    int st = s.state(r.publish());
    s.step(st, "download").target("hello.txt").content("hello, world\n")
        .expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st, "download").target("project/p-1.0.tar.gz").content("project 1.0\n").expect(OK, "project.a", 1);
    return s;
  }

  /** The envelope with {@code extra} signatures before the real ones. */
  static JsonObject withExtraSignatures(JsonObject envelope, JsonObject... extra) {
    List<JsonValue> sigs = new ArrayList<>(List.of(extra));
    sigs.addAll(((JsonArray) envelope.get("signatures")).elements());
    return envelope.toBuilder().put("signatures", new JsonArray(sigs)).build();
  }

  static final List<String> ODD_NAMES =
      List.of("releases/v1.2", "a?b#c", "x y+z", "100%", "..dots..", "café", "a&b=c;d");

  static Scenario roleNames(boolean consistent) {
    Scenario s = new Scenario(consistent ? "role-names-consistent" : "role-names", "Delegated role names with"
        + " dots, slashes, spaces, non-ASCII and reserved URL characters: percent-encoded in URLs and file"
        + " names" + (consistent ? ", behind the version prefix of consistent snapshots" : ""),
        List.of("V5", "20"), List.of());
    Repo r = repoWithTargets(s).consistent(consistent);
    for (int i = 0; i < ODD_NAMES.size(); i++) {
      r.delegate("targets", ODD_NAMES.get(i), List.of(s.ring.ed25519("odd")), List.of("n" + i + "/*"));
      r.addTarget(ODD_NAMES.get(i), "n" + i + "/file.txt", "name " + i + "\n");
    }
    int st = s.state(r.publish());
    s.step(st, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    for (int i = 0; i < ODD_NAMES.size(); i++) {
      s.step(st, "download").target("n" + i + "/file.txt").content("name " + i + "\n").expect(OK, ODD_NAMES.get(i), 1);
    }
    return s;
  }

  static Scenario formatErrors() {
    Scenario s = new Scenario("format-errors", "Validly signed timestamps that are not valid metadata: the wrong"
        + " _type, version 0, spec_version 2.0, an expiry without Z; each is refused as malformed",
        List.of("V1"), List.of());
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    r.bump("timestamp");
    r.edits.put("timestamp", o -> o.toBuilder().put("_type", "snapshot").build());
    s.step(s.state(r.publish()), "refresh").expect("format");
    r.edits.put("timestamp", o -> o.toBuilder().put("version", 0).build());
    s.step(s.state(r.publish()), "refresh").expect("format");
    r.edits.put("timestamp", o -> o.toBuilder().put("spec_version", "2.0").build());
    s.step(s.state(r.publish()), "refresh").expect("format");
    r.edits.put("timestamp", o -> o.toBuilder().put("expires", "2031-01-01T00:00:00").build());
    s.step(s.state(r.publish()), "refresh").expect("format");
    r.edits.clear();
    s.step(s.state(r.publish()), "refresh").expect(OK, "timestamp", 2);
    return s;
  }
}
