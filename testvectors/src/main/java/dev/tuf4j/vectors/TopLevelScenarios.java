package dev.tuf4j.vectors;

import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Scenarios of the top-level workflow: root chain, timestamp, snapshot and targets (5.1-5.6). */
final class TopLevelScenarios {
  private TopLevelScenarios() {}

  static final String OK = "success";

  static List<Scenario> all() {
    List<Scenario> out = new ArrayList<>();
    out.add(basic(false));
    out.add(basic(true));
    out.add(update());
    out.add(unsignedTrustAnchor());
    out.add(metaHashes());
    out.add(rootRotation());
    out.add(rootRotationBadSignatures());
    out.add(rootIntermediateExpired());
    out.add(rootFinalExpired());
    out.add(rootChainHttpStatus());
    out.add(fastForward());
    out.add(timestampRollback());
    out.add(timestampFreeze());
    out.add(expiredLocalTimestamp());
    out.add(timestampUnsigned());
    out.add(keyCompromiseBelowThreshold());
    out.add(mixAndMatch());
    out.add(snapshotRoleRollback());
    out.add(snapshotExpired());
    out.add(targetsFreezeAndUnsigned());
    out.add(endlessData());
    out.add(slowRetrieval());
    out.add(maliciousMirror());
    return out;
  }

  static Repo repoWithTargets(Scenario s) {
    Repo r = new Repo(s.ring);
    r.addTarget("targets", "hello.txt", "hello, world\n");
    r.addTarget("targets", "dir/sub/file.txt", "a file in a folder\n");
    return r;
  }

  static JsonObject serve(String kind, String path) {
    return JsonObject.builder().put(kind, path).build();
  }

  static Scenario basic(boolean consistent) {
    Scenario s = new Scenario(consistent ? "consistent-snapshots" : "basic",
        "A first refresh from a trusted root, downloads, and a path no role lists"
            + (consistent ? ", with consistent snapshots (versioned metadata, hash-prefixed targets)" : ""),
        consistent ? List.of("8", "14", "19", "23") : List.of("V1", "V2", "V4", "1", "2", "9", "10", "13", "14", "16", "18", "19", "22", "23", "24", "25"),
        List.of());
    Repo r = repoWithTargets(s).consistent(consistent);
    int st = s.state(r.publish());
    s.step(st, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st, "download").target("hello.txt").expect(OK);
    s.step(st, "download").target("dir/sub/file.txt").expect(OK);
    s.step(st, "lookup").target("missing.txt").expect("not-found");
    return s;
  }

  static Scenario unsignedTrustAnchor() {
    Scenario s = new Scenario("trust-anchor-unsigned", "The trusted root the client starts from is not signed"
        + " by a threshold of its own root keys: the client refuses it (before any request)", List.of("2"),
        List.of("arbitrary-installation"));
    Repo r = repoWithTargets(s);
    r.signers.put("root", List.of(s.ring.ed25519("attacker")));
    int st = s.state(r.publish());
    s.step(st, "refresh").neverRequested("metadata/2.root.json", "metadata/timestamp.json").expect("unsigned");
    s.step(st, "download").target("hello.txt").neverRequested("metadata/2.root.json", "targets/hello.txt")
        .expect("unsigned");
    return s;
  }

  static Scenario update() {
    Scenario s = new Scenario("update", "A second release: new timestamp, snapshot and targets; the same"
        + " timestamp again keeps what is trusted", List.of("11", "13", "17", "18", "19"), List.of());
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    r.addTarget("targets", "new.txt", "version two\n");
    r.bump("targets", "snapshot", "timestamp");
    int st1 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st0, "lookup").target("new.txt").expect("not-found");
    s.step(st1, "download").target("new.txt").expect(OK, "timestamp", 2, "snapshot", 2, "targets", 2);
    s.step(st1, "refresh").expect(OK);
    return s;
  }

  static Scenario metaHashes() {
    Scenario s = new Scenario("meta-hashes", "Timestamp and snapshot list lengths and hashes; a snapshot"
        + " and then a targets file that are validly signed but not the listed bytes are refused",
        List.of("15", "19"), List.of("mix-and-match"));
    Repo r = repoWithTargets(s);
    r.metaHashes = true;
    int st0 = s.state(r.publish());
    // The altered files have the listed length, so only the hash can tell them apart.
    r.bump("timestamp", "snapshot");
    r.edits.put("snapshot", o -> o.toBuilder().put("x-note", "genuine").build());
    State st1 = r.publish();
    r.edits.put("snapshot", o -> o.toBuilder().put("x-note", "altered").build());
    State other = r.publish();
    st1.put("metadata/snapshot.json", other.get("metadata/snapshot.json"));
    r.edits.clear();
    r.bump("timestamp", "snapshot", "targets");
    r.edits.put("targets", o -> o.toBuilder().put("x-note", "genuine").build());
    State st2 = r.publish();
    r.edits.put("targets", o -> o.toBuilder().put("x-note", "altered").build());
    st2.put("metadata/targets.json", r.publish().get("metadata/targets.json"));
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(s.state(st1), "refresh").expect("length-or-hash-mismatch", "timestamp", 2);
    s.step(s.state(st2), "refresh").expect("length-or-hash-mismatch", "timestamp", 3, "snapshot", 3);
    return s;
  }

  static Scenario rootRotation() {
    Scenario s = new Scenario("root-rotation", "Two root rotations, each new root signed by the old and"
        + " the new root keys; then a rotation of the targets key", List.of("3", "4", "5", "6"), List.of());
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    r.keys.put("root", List.of(s.ring.ed25519("root-2")));
    r.commitRoot();
    r.keys.put("root", List.of(s.ring.ed25519("root-3"), s.ring.ed25519("root-4")));
    r.thresholds.put("root", 2);
    r.commitRoot();
    int st1 = s.state(r.publish());
    r.keys.put("targets", List.of(s.ring.ed25519("targets-2")));
    r.commitRoot();
    r.bump("targets", "snapshot", "timestamp");
    int st2 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st1, "refresh").expect(OK, "root", 3);
    s.step(st2, "download").target("hello.txt").expect(OK, "root", 4, "timestamp", 2, "snapshot", 2, "targets", 2);
    return s;
  }

  static Scenario rootRotationBadSignatures() {
    Scenario s = new Scenario("root-rotation-refused", "A new root signed only by its new keys, one signed"
        + " only by the old keys, and one whose version is not the next: each is refused and root 1 stays",
        List.of("4"), List.of("arbitrary-installation"));
    Repo base = repoWithTargets(s);
    int st0 = s.state(base.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);

    Repo r = repoWithTargets(s);
    r.publish();
    r.keys.put("root", List.of(s.ring.ed25519("root-2")));
    r.signers.put("root", List.of(s.ring.ed25519("root-2")));
    r.commitRoot();
    s.step(s.state(r.publish()), "refresh").expect("unsigned");

    r = repoWithTargets(s);
    r.publish();
    r.keys.put("root", List.of(s.ring.ed25519("root-2")));
    r.signers.put("root", List.of(s.ring.ed25519("root-1")));
    r.commitRoot();
    s.step(s.state(r.publish()), "refresh").expect("unsigned");

    r = repoWithTargets(s);
    r.publish();
    r.edits.put("root", o -> o.toBuilder().put("version", 3).build());
    r.commitRoot();
    s.step(s.state(r.publish()), "refresh").expect("bad-version");
    return s;
  }

  static Scenario rootIntermediateExpired() {
    Scenario s = new Scenario("root-intermediate-expired", "An expired root in the middle of the chain does"
        + " not matter; only the final root must be current", List.of("4", "6"), List.of());
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    r.expires.put("root", Repo.NOW.minus(Duration.ofDays(1)));
    r.commitRoot();
    r.expires.remove("root");
    r.commitRoot();
    int st1 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st1, "refresh").expect(OK, "root", 3);
    return s;
  }

  static Scenario rootFinalExpired() {
    Scenario s = new Scenario("root-final-expired", "The newest root is expired: the update fails after"
        + " persisting it (a freeze), and a later fixed root recovers", List.of("5", "6"), List.of("indefinite-freeze"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    r.expires.put("root", Repo.NOW.minus(Duration.ofDays(1)));
    r.commitRoot();
    int st1 = s.state(r.publish());
    r.expires.remove("root");
    r.commitRoot();
    int st2 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st1, "refresh").expect("expired", "root", 2);
    s.step(st2, "refresh").expect(OK, "root", 3);
    return s;
  }

  static Scenario rootChainHttpStatus() {
    Scenario s = new Scenario("root-chain-http-status", "A 403 for the next root ends the chain like a 404;"
        + " a 500 fails the update", List.of("3"), List.of());
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    r.keys.put("root", List.of(s.ring.ed25519("root-2")));
    r.commitRoot();
    int st1 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st1, "refresh").serve(status("metadata/2.root.json", 403)).expect(OK);
    s.step(st1, "refresh").serve(status("metadata/2.root.json", 500)).expect("http-status");
    s.step(st1, "refresh").expect(OK, "root", 2);
    return s;
  }

  static JsonObject status(String path, int code) {
    return JsonObject.builder().put("status", JsonObject.builder().put(path, code).build()).build();
  }

  static Scenario fastForward() {
    Scenario s = new Scenario("fast-forward-recovery", "A compromised timestamp key pushes timestamp version"
        + " 1000; the real timestamp 2 is then a rollback; rotating the timestamp key in root recovers",
        List.of("7", "11"), List.of("fast-forward"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    r.setVersion("timestamp", 1000);
    int st1 = s.state(r.publish());
    r.setVersion("timestamp", 2);
    int st2 = s.state(r.publish());
    r.keys.put("timestamp", List.of(s.ring.ed25519("timestamp-2")));
    r.commitRoot();
    r.setVersion("timestamp", 3);
    int st3 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st1, "refresh").expect(OK, "timestamp", 1000);
    s.step(st2, "refresh").expect("bad-version");
    s.step(st3, "refresh").expect(OK, "root", 2, "timestamp", 3);
    return s;
  }

  static Scenario timestampRollback() {
    Scenario s = new Scenario("rollback", "An older timestamp, then a newer timestamp naming an older"
        + " snapshot, then a snapshot naming an older targets: each is a rollback", List.of("11", "17"), List.of("rollback"));
    Repo r = repoWithTargets(s);
    r.setVersion("timestamp", 2);
    r.setVersion("snapshot", 2);
    r.setVersion("targets", 2);
    int st0 = s.state(r.publish());
    r.setVersion("timestamp", 1);
    int st1 = s.state(r.publish());
    r.setVersion("timestamp", 3);
    r.setVersion("snapshot", 1);
    int st2 = s.state(r.publish());
    r.setVersion("timestamp", 4);
    r.setVersion("snapshot", 3);
    r.setVersion("targets", 1);
    int st3 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 2, "snapshot", 2, "targets", 2);
    s.step(st1, "refresh").expect("bad-version");
    s.step(st2, "refresh").expect("bad-version");
    s.step(st3, "refresh").expect("bad-version", "timestamp", 4);
    return s;
  }

  static Scenario timestampFreeze() {
    Scenario s = new Scenario("freeze", "An expired timestamp is refused and the trusted one stays; a client"
        + " whose clock passed every expiry refuses the repository it trusted", List.of("1", "6", "12"), List.of("indefinite-freeze"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    r.bump("timestamp");
    r.expires.put("timestamp", Repo.NOW.minus(Duration.ofSeconds(1)));
    int st1 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st1, "refresh").expect("expired");
    s.step(st0, "refresh").at(Repo.EXPIRES.plus(Duration.ofDays(1))).expect("expired");
    // Expiry is "expires <= now": the exact second of expiry is already expired.
    s.step(st0, "refresh").at(Repo.EXPIRES).expect("expired");
    s.step(st0, "refresh").at(Repo.EXPIRES.minusSeconds(1)).expect(OK);
    return s;
  }

  static Scenario expiredLocalTimestamp() {
    Scenario s = new Scenario("expired-local-timestamp", "The trusted timestamp expired while the client was"
        + " away: it is still the rollback baseline but does not block a valid newer one", List.of("12"), List.of("rollback"));
    Repo r = repoWithTargets(s);
    r.expires.put("timestamp", Repo.NOW.plus(Duration.ofDays(1)));
    int st0 = s.state(r.publish());
    r.expires.remove("timestamp");
    r.setVersion("timestamp", 3);
    State later = r.publish();
    r.setVersion("timestamp", 2);
    State older = r.publish();
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(s.state(later), "refresh").at(Repo.NOW.plus(Duration.ofDays(2))).expect(OK, "timestamp", 3);
    s.step(s.state(older), "refresh").at(Repo.NOW.plus(Duration.ofDays(2))).expect("bad-version");
    return s;
  }

  static Scenario timestampUnsigned() {
    Scenario s = new Scenario("unsigned-top-level", "Timestamp, snapshot and targets signed by a key the root"
        + " does not list for them, and a root key signing the timestamp: each is refused", List.of("10", "16", "19", "V3"),
        List.of("arbitrary-installation"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    r.bump("timestamp");
    r.signers.put("timestamp", List.of(s.ring.ed25519("attacker")));
    s.step(s.state(r.publish()), "refresh").expect("unsigned");
    r.signers.put("timestamp", List.of(s.ring.ed25519("root-1")));
    s.step(s.state(r.publish()), "refresh").expect("unsigned");
    r.signers.clear();
    r.bump("snapshot");
    r.signers.put("snapshot", List.of(s.ring.ed25519("timestamp-1")));
    s.step(s.state(r.publish()), "refresh").expect("unsigned", "timestamp", 2);
    r.signers.clear();
    r.bump("timestamp", "targets");
    r.signers.put("targets", List.of(s.ring.ed25519("attacker")));
    s.step(s.state(r.publish()), "refresh").expect("unsigned", "timestamp", 3, "snapshot", 2);
    return s;
  }

  static Scenario keyCompromiseBelowThreshold() {
    Scenario s = new Scenario("threshold", "Roles with threshold 2: one compromised key is not enough, and a"
        + " signature repeated under the same keyid makes the file malformed", List.of("V3"),
        List.of("key-compromise-below-threshold"));
    Repo r = repoWithTargets(s);
    r.keys.put("snapshot", List.of(s.ring.ed25519("snapshot-1"), s.ring.ed25519("snapshot-2")));
    r.thresholds.put("snapshot", 2);
    r.keys.put("timestamp", List.of(s.ring.ed25519("timestamp-1"), s.ring.ed25519("timestamp-2")));
    r.thresholds.put("timestamp", 2);
    int st0 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    r.bump("timestamp", "snapshot");
    r.signers.put("snapshot", List.of(s.ring.ed25519("snapshot-1")));
    s.step(s.state(r.publish()), "refresh").expect("unsigned", "timestamp", 2);
    r.signers.clear();
    r.bump("timestamp");
    r.signers.put("timestamp", List.of(s.ring.ed25519("timestamp-1")));
    // The one key's signature twice, under its keyid and again: a duplicate keyid is a format error.
    r.envelopeEdits.put("timestamp", e -> {
      JsonArray sigs = (JsonArray) e.get("signatures");
      return e.toBuilder().put("signatures", JsonArray.of(sigs.get(0), sigs.get(0))).build();
    });
    s.step(s.state(r.publish()), "refresh").expect("format");
    r.envelopeEdits.clear();
    s.step(s.state(r.publish()), "refresh").expect("unsigned");
    return s;
  }

  static Scenario mixAndMatch() {
    Scenario s = new Scenario("mix-and-match", "Metadata from different releases served together: the"
        + " timestamp names snapshot 2 but snapshot 1 is served; snapshot names targets 3 but targets 2 is served",
        List.of("16", "19"), List.of("mix-and-match"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    State old = r.publish();
    r.bump("timestamp", "snapshot");
    State st1 = r.publish();
    st1.put("metadata/snapshot.json", old.get("metadata/snapshot.json"));
    r.bump("timestamp", "snapshot", "targets");
    State prev = r.publish();
    r.bump("timestamp", "snapshot", "targets");
    State st2 = r.publish();
    st2.put("metadata/targets.json", prev.get("metadata/targets.json"));
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(s.state(st1), "refresh").expect("bad-version", "timestamp", 2);
    s.step(s.state(st2), "refresh").expect("bad-version", "timestamp", 4, "snapshot", 4);
    return s;
  }

  static Scenario snapshotRoleRollback() {
    Scenario s = new Scenario("snapshot-drops-role", "A new snapshot that no longer lists a role the trusted"
        + " snapshot listed is a rollback", List.of("17"), List.of("rollback"));
    Repo r = repoWithTargets(s);
    r.delegate("targets", "role-a", List.of(s.ring.ed25519("role-a")), List.of("a/*"));
    int st0 = s.state(r.publish());
    r.bump("timestamp", "snapshot");
    r.edits.put("snapshot", o -> {
      JsonObject meta = (JsonObject) o.get("meta");
      return o.toBuilder().put("meta", meta.toBuilder().remove("role-a.json").build()).build();
    });
    int st1 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st1, "refresh").expect("missing-metadata", "timestamp", 2);
    return s;
  }

  static Scenario snapshotExpired() {
    Scenario s = new Scenario("snapshot-expired", "An expired snapshot is refused after the timestamp naming"
        + " it was persisted", List.of("13", "18"), List.of("indefinite-freeze"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    r.bump("timestamp", "snapshot");
    r.expires.put("snapshot", Repo.NOW.minus(Duration.ofDays(1)));
    int st1 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st1, "refresh").expect("expired", "timestamp", 2);
    return s;
  }

  static Scenario targetsFreezeAndUnsigned() {
    Scenario s = new Scenario("targets-expired", "An expired top-level targets is refused; the roles before it"
        + " stay persisted", List.of("19"), List.of("indefinite-freeze"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    r.bump("timestamp", "snapshot", "targets");
    r.expires.put("targets", Repo.NOW.minus(Duration.ofDays(1)));
    int st1 = s.state(r.publish());
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st1, "refresh").expect("expired", "timestamp", 2, "snapshot", 2);
    s.step(st1, "download").target("hello.txt").expect("expired");
    return s;
  }

  static Scenario endlessData() {
    Scenario s = new Scenario("endless-data", "The server sends bytes without end for the timestamp, a root,"
        + " the snapshot (no length in timestamp), the targets metadata and a target: each download stops at its cap",
        List.of("3", "9", "14", "19", "24"), List.of("endless-data"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    s.step(st0, "refresh").serve(serve("endless", "metadata/timestamp.json")).expect("download-limit");
    s.step(st0, "refresh").serve(serve("endless", "metadata/2.root.json")).expect("download-limit");
    s.step(st0, "refresh").serve(serve("endless", "metadata/snapshot.json")).expect("download-limit", "timestamp", 1);
    s.step(st0, "refresh").serve(serve("endless", "metadata/targets.json")).expect("download-limit", "snapshot", 1);
    s.step(st0, "refresh").expect(OK, "targets", 1);
    s.step(st0, "download").target("hello.txt").serve(serve("endless", "targets/hello.txt")).expect("download-limit");
    s.step(st0, "download").target("hello.txt").expect(OK);
    return s;
  }

  static Scenario slowRetrieval() {
    Scenario s = new Scenario("slow-retrieval", "The server answers the timestamp request and then sends one byte"
        + " at a time, far too slowly: the client gives up", List.of("9"), List.of("slow-retrieval"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    s.step(st0, "refresh").serve(serve("slow", "metadata/timestamp.json")).expect("slow-retrieval");
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    return s;
  }

  static Scenario maliciousMirror() {
    Scenario s = new Scenario("malicious-mirror", "A mirror serves a complete, self-consistent repository made"
        + " with its own keys (its own root 2 too): nothing of it is trusted", List.of("4", "10"),
        List.of("malicious-mirrors", "arbitrary-installation"));
    Repo r = repoWithTargets(s);
    int st0 = s.state(r.publish());
    Repo mirror = new Repo(s.ring);
    for (String role : Repo.TOP) {
      mirror.keys.put(role, List.of(s.ring.ed25519("mirror-" + role)));
    }
    mirror.addTarget("targets", "hello.txt", "malware\n");
    mirror.setVersion("timestamp", 2);
    State m = mirror.publish();
    mirror.commitRoot();
    State withRoot = mirror.publish();
    m.put("metadata/1.root.json", r.publish().get("metadata/1.root.json"));
    withRoot.put("metadata/1.root.json", r.publish().get("metadata/1.root.json"));
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(s.state(m), "download").target("hello.txt").expect("unsigned");
    s.step(s.state(withRoot), "download").target("hello.txt").expect("unsigned");
    return s;
  }
}
