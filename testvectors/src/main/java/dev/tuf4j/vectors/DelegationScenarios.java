package dev.tuf4j.vectors;

import static dev.tuf4j.vectors.TopLevelScenarios.OK;
import static dev.tuf4j.vectors.TopLevelScenarios.repoWithTargets;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Scenarios of delegated targets: the search (5.6.7), hash bins, and target downloads (5.7). */
final class DelegationScenarios {
  private DelegationScenarios() {}

  static List<Scenario> all() {
    List<Scenario> out = new ArrayList<>();
    out.add(search());
    out.add(searchErrors());
    out.add(maxDelegations());
    out.add(succinctBins());
    out.add(prefixBins());
    out.add(targetAttacks());
    return out;
  }

  static Scenario search() {
    Scenario s = new Scenario("delegation-search", "Pre-order depth-first search: a nested delegation, a"
        + " terminating role that hides later ones, a target a role lists outside the paths its delegator"
        + " allows, and the first of two roles listing the same path wins",
        List.of("19", "20", "21", "22", "23"), List.of("wrong-software-installation", "extraneous-dependencies"));
    // Consistent snapshots, so that the two roles' different files for one path can both be served.
    Repo r = repoWithTargets(s).consistent(true);
    r.delegate("targets", "role-a", List.of(s.ring.ed25519("role-a")), List.of("a/*", "shared/*"));
    r.delegate("role-a", "role-c", List.of(s.ring.ed25519("role-c")), List.of("a/c-*", "other/*"));
    r.delegate("targets", "role-b", List.of(s.ring.ed25519("role-b")), List.of("b/*", "shared/*")).terminating = true;
    r.delegate("targets", "role-d", List.of(s.ring.ed25519("role-d")), List.of("*", "b/*"));
    r.addTarget("role-a", "a/one.txt", "one\n");
    r.addTarget("role-a", "shared/x.txt", "from role-a\n");
    r.addTarget("role-c", "a/c-two.txt", "two\n");
    r.addTarget("role-c", "other/evil.txt", "outside role-a's paths\n");
    r.addTarget("role-b", "b/three.txt", "three\n");
    r.addTarget("role-b", "shared/x.txt", "from role-b\n");
    r.addTarget("role-d", "d.txt", "four\n");
    r.addTarget("role-d", "b/hidden.txt", "behind a terminating role\n");
    int st = s.state(r.publish());
    s.step(st, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st, "download").target("a/one.txt").content("one\n").expect(OK, "role-a", 1);
    s.step(st, "download").target("a/c-two.txt").content("two\n").expect(OK, "role-c", 1);
    s.step(st, "lookup").target("b/three.txt").expect(OK, "role-b", 1);
    s.step(st, "lookup").target("b/hidden.txt").expect("not-found");
    s.step(st, "lookup").target("d.txt").expect(OK, "role-d", 1);
    s.step(st, "lookup").target("other/evil.txt").expect("not-found");
    s.step(st, "download").target("shared/x.txt").content("from role-a\n").expect(OK);
    return s;
  }

  static Scenario searchErrors() {
    Scenario s = new Scenario("delegation-errors", "A delegated role missing from snapshot is never fetched;"
        + " a role on the search path signed by the wrong key, expired, or of the wrong version stops the"
        + " search with an error instead of falling through to a later role",
        List.of("20", "21"), List.of("arbitrary-installation", "mix-and-match", "indefinite-freeze"));
    Repo r = repoWithTargets(s);
    r.delegate("targets", "unlisted", List.of(s.ring.ed25519("unlisted")), List.of("u/*"));
    r.delegate("targets", "bad-key", List.of(s.ring.ed25519("bad-key")), List.of("k/*"));
    r.delegate("targets", "expired", List.of(s.ring.ed25519("expired")), List.of("e/*"));
    r.delegate("targets", "stale", List.of(s.ring.ed25519("stale")), List.of("s/*"));
    r.delegate("targets", "fallback", List.of(s.ring.ed25519("fallback")), List.of("*/*"));
    r.addTarget("unlisted", "u/x.txt", "u\n");
    r.addTarget("bad-key", "k/x.txt", "k\n");
    r.addTarget("expired", "e/x.txt", "e\n");
    r.addTarget("stale", "s/x.txt", "s\n");
    r.addTarget("fallback", "s/x.txt", "fallback\n");
    r.addTarget("fallback", "u/x.txt", "fallback\n");
    r.addTarget("fallback", "k/x.txt", "fallback\n");
    r.addTarget("fallback", "e/x.txt", "fallback\n");
    r.signers.put("bad-key", List.of(s.ring.ed25519("attacker")));
    r.expires.put("expired", Repo.NOW.minusSeconds(60));
    r.edits.put("snapshot", o -> {
      JsonObject meta = (JsonObject) o.get("meta");
      // Snapshot names version 2 of "stale", which still serves version 1.
      return o.toBuilder().put("meta", meta.toBuilder().remove("unlisted.json")
          .put("stale.json", JsonObject.builder().put("version", 2).build()).build()).build();
    });
    // unlisted.json is served all the same: were it fetched, it would be a valid, listed answer.
    int st = s.state(r.publish());
    s.step(st, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st, "lookup").target("u/x.txt").neverRequested("metadata/unlisted.json").expect("missing-metadata");
    s.step(st, "lookup").target("k/x.txt").expect("unsigned");
    s.step(st, "lookup").target("e/x.txt").expect("expired");
    s.step(st, "lookup").target("s/x.txt").expect("bad-version");
    return s;
  }

  static Scenario maxDelegations() {
    Scenario s = new Scenario("max-delegations", "A chain of 32 delegated roles: a search visits at most 32"
        + " roles, top-level targets included, so the 31st delegated role is reached and the 32nd is not",
        List.of("21"), List.of());
    Repo r = repoWithTargets(s);
    String parent = "targets";
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 32; i++) {
      String name = String.format("level-%02d", i);
      r.delegate(parent, name, List.of(s.ring.ed25519("chain")), List.of("deep/*"));
      names.add(name);
      parent = name;
    }
    r.addTarget("level-31", "deep/reached.txt", "31\n");
    r.addTarget("level-32", "deep/too-deep.txt", "32\n");
    int st = s.state(r.publish());
    s.step(st, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    List<Object> loaded = new ArrayList<>();
    for (String n : names.subList(0, 31)) {
      loaded.add(n);
      loaded.add(1);
    }
    s.step(st, "lookup").target("deep/reached.txt").expect(OK, loaded.toArray());
    s.step(st, "lookup").target("deep/too-deep.txt").expect("not-found");
    return s;
  }

  static Scenario succinctBins() {
    Scenario s = new Scenario("hash-bins-succinct", "TAP 15 succinct hash bins (bit_length 3, 8 bins): a target"
        + " is found in the bin its path hashes to, and bins are terminating", List.of("21"), List.of());
    Repo r = repoWithTargets(s).consistent(true);
    r.succinct(3, "bins", List.of(s.ring.ed25519("bins")));
    String a = r.addBinTarget("pkg/alpha-1.0.tar.gz", "alpha\n");
    String b = r.addBinTarget("pkg/beta-2.0.tar.gz", "beta\n");
    String c = r.succinct.binOf("pkg/absent.tar.gz");
    int st = s.state(r.publish());
    s.step(st, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(st, "download").target("pkg/alpha-1.0.tar.gz").content("alpha\n").expect(OK, a, 1);
    s.step(st, "download").target("pkg/beta-2.0.tar.gz").content("beta\n").expect(OK, b, 1);
    s.step(st, "lookup").target("pkg/absent.tar.gz").expect("not-found", c, 1);
    return s;
  }

  static Scenario prefixBins() {
    Scenario s = new Scenario("hash-bins-prefixes", "Classic hashed bins: four roles delegated by"
        + " path_hash_prefixes (first hex digit of SHA-256 of the path)", List.of("21"), List.of());
    Repo r = repoWithTargets(s);
    String hex = "0123456789abcdef";
    for (int i = 0; i < 4; i++) {
      List<String> prefixes = new ArrayList<>();
      for (int j = 0; j < 4; j++) {
        prefixes.add(String.valueOf(hex.charAt(i * 4 + j)));
      }
      r.delegateByPrefix("targets", binName(i), List.of(s.ring.ed25519("prefix-bins")), prefixes);
    }
    List<Object> loaded = new ArrayList<>();
    for (String path : List.of("pkg/one.whl", "pkg/two.whl", "pkg/three.whl")) {
      String bin = binName(hex.indexOf(sha256Hex(path).charAt(0)) / 4);
      r.addTarget(bin, path, path + "\n");
    }
    int st = s.state(r.publish());
    s.step(st, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    for (String path : List.of("pkg/one.whl", "pkg/two.whl", "pkg/three.whl")) {
      String bin = binName(hex.indexOf(sha256Hex(path).charAt(0)) / 4);
      s.step(st, "download").target(path).content(path + "\n").expect(OK, bin, 1);
    }
    String absent = "pkg/absent.whl";
    s.step(st, "lookup").target(absent).expect("not-found",
        binName(hex.indexOf(sha256Hex(absent).charAt(0)) / 4), 1);
    return s;
  }

  private static String binName(int i) {
    String hex = "0123456789abcdef";
    return "bins-" + hex.charAt(i * 4) + "-" + hex.charAt(i * 4 + 3);
  }

  static String sha256Hex(String path) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, Docs.utf8(path)));
  }

  static Scenario targetAttacks() {
    Scenario s = new Scenario("target-download", "Target files: tampered content of the right length, another"
        + " (shorter) file's content, a longer file whose start is the genuine file, a listed hash of an unknown algorithm; then the genuine file",
        List.of("23", "24", "25"), List.of("arbitrary-installation", "wrong-software-installation", "endless-data"));
    Repo r = repoWithTargets(s);
    r.addTarget("targets", "odd-hash.txt", "odd\n");
    r.addTarget("targets", "short.txt", "hi\n");
    r.edits.put("targets", o -> {
      JsonObject list = (JsonObject) o.get("targets");
      JsonObject entry = (JsonObject) list.get("odd-hash.txt");
      JsonObject hashes = ((JsonObject) entry.get("hashes")).toBuilder().put("md7", "00ff").build();
      return o.toBuilder().put("targets", list.toBuilder()
          .put("odd-hash.txt", entry.toBuilder().put("hashes", hashes).build()).build()).build();
    });
    State good = r.publish();
    int st0 = s.state(good);
    State tampered = good.copy();
    tampered.put("targets/hello.txt", Docs.utf8("HELLO, WORLD\n"));
    State swapped = good.copy();
    swapped.put("targets/hello.txt", good.get("targets/short.txt"));
    State longer = good.copy();
    longer.put("targets/hello.txt", Docs.utf8("hello, world\nand then some more bytes\n"));
    s.step(st0, "refresh").expect(OK, "timestamp", 1, "snapshot", 1, "targets", 1);
    s.step(s.state(tampered), "download").target("hello.txt").expect("length-or-hash-mismatch");
    s.step(s.state(swapped), "download").target("hello.txt").expect("length-or-hash-mismatch");
    s.step(s.state(longer), "download").target("hello.txt").expect("download-limit");
    s.step(st0, "download").target("odd-hash.txt").expect("length-or-hash-mismatch");
    s.step(st0, "download").target("hello.txt").content("hello, world\n").expect(OK);
    return s;
  }
}
