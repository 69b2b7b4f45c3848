package dev.tuf4j.vectors;

import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A small TUF repository that writes its metadata as JSON documents signed with tuf4j's signer
 * and canonical JSON, so a scenario can also publish what a correct repository never would
 * (expired, rolled back, wrongly signed, oddly shaped). Mutable; {@link #publish()} freezes the
 * current state into a {@link State}.
 */
final class Repo {
  /** The clock every scenario starts at. Expiry dates are set relative to it. */
  static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  static final Instant EXPIRES = NOW.plus(Duration.ofDays(365));
  static final List<String> TOP = List.of("root", "timestamp", "snapshot", "targets");

  /** A delegation entry of a targets role. */
  static final class Delegation {
    final String name;
    List<SigningKey> keys;
    int threshold = 1;
    List<String> paths;
    List<String> hashPrefixes;
    boolean terminating;

    Delegation(String name, List<SigningKey> keys) {
      this.name = name;
      this.keys = keys;
    }
  }

  /** TAP 15 succinct hash bins delegated from {@code targets}. */
  record Succinct(int bitLength, String namePrefix, List<SigningKey> keys) {
    int count() {
      return 1 << bitLength;
    }

    String binName(int bin) {
      int width = Integer.toHexString(count() - 1).length();
      return namePrefix + "-" + String.format("%0" + width + "x", bin);
    }

    String binOf(String path) {
      byte[] h = dev.tuf4j.crypto.Digester.digest(dev.tuf4j.crypto.HashAlgorithm.SHA256, Docs.utf8(path));
      int first32 = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
      return binName(first32 >>> (32 - bitLength));
    }
  }

  final KeyRing ring;
  boolean consistent;
  /** Lengths and hashes in timestamp's and snapshot's meta entries. */
  boolean metaHashes;
  String specVersion = "1.0.31";

  /** Top-level role keys and thresholds. */
  final Map<String, List<SigningKey>> keys = new HashMap<>();
  final Map<String, Integer> thresholds = new HashMap<>();
  /** Who signs each role's next document (default: its keys, all of them). */
  final Map<String, List<SigningKey>> signers = new HashMap<>();
  final Map<String, Long> versions = new HashMap<>();
  final Map<String, Instant> expires = new HashMap<>();
  /** Targets role name -> target path -> content. */
  final Map<String, Map<String, byte[]>> targets = new LinkedHashMap<>();
  /** Targets role name -> its delegations, in order. */
  final Map<String, List<Delegation>> delegations = new LinkedHashMap<>();
  Succinct succinct;
  /** Edits to a role's {@code signed} object before it is signed (custom fields and such). */
  final Map<String, UnaryOperator<JsonObject>> edits = new HashMap<>();
  /** Edits to a role's signed envelope (extra or empty signatures). */
  final Map<String, UnaryOperator<JsonObject>> envelopeEdits = new HashMap<>();
  /** Signed roots, version 1 first. */
  final List<byte[]> roots = new ArrayList<>();
  private List<SigningKey> lastRootKeys = List.of();

  /** Every top-level role with its own Ed25519 key ({@code root-1}, {@code timestamp-1}, ...). */
  Repo(KeyRing ring) {
    this.ring = ring;
    for (String role : TOP) {
      keys.put(role, List.of(ring.ed25519(role + "-1")));
      thresholds.put(role, 1);
      versions.put(role, 1L);
    }
    targets.put("targets", new TreeMap<>());
  }

  Repo consistent(boolean on) {
    this.consistent = on;
    return this;
  }

  long version(String role) {
    return versions.getOrDefault(role, 1L);
  }

  void bump(String... roles) {
    for (String r : roles) {
      versions.put(r, version(r) + 1);
    }
  }

  void setVersion(String role, long v) {
    versions.put(role, v);
  }

  void addTarget(String role, String path, String content) {
    targets.computeIfAbsent(role, r -> new TreeMap<>()).put(path, Docs.utf8(content));
  }

  Delegation delegate(String delegator, String name, List<SigningKey> roleKeys, List<String> paths) {
    Delegation d = new Delegation(name, roleKeys);
    d.paths = paths;
    delegations.computeIfAbsent(delegator, r -> new ArrayList<>()).add(d);
    targets.computeIfAbsent(name, r -> new TreeMap<>());
    return d;
  }

  Delegation delegateByPrefix(String delegator, String name, List<SigningKey> roleKeys, List<String> prefixes) {
    Delegation d = new Delegation(name, roleKeys);
    d.hashPrefixes = prefixes;
    delegations.computeIfAbsent(delegator, r -> new ArrayList<>()).add(d);
    targets.computeIfAbsent(name, r -> new TreeMap<>());
    return d;
  }

  void succinct(int bitLength, String prefix, List<SigningKey> binKeys) {
    succinct = new Succinct(bitLength, prefix, binKeys);
    for (int i = 0; i < succinct.count(); i++) {
      targets.computeIfAbsent(succinct.binName(i), r -> new TreeMap<>());
    }
  }

  /** Adds a target to the succinct bin its path hashes to, and returns that bin's name. */
  String addBinTarget(String path, String content) {
    String bin = succinct.binOf(path);
    addTarget(bin, path, content);
    return bin;
  }

  /**
   * Signs the current root as the next version in the chain: with the keys of the previous root
   * (a rotation needs both thresholds) and the new ones, unless {@link #signers} says otherwise.
   */
  byte[] commitRoot() {
    long v = roots.size() + 1L;
    versions.put("root", v);
    List<SigningKey> by = signers.get("root");
    if (by == null) {
      Set<SigningKey> both = new LinkedHashSet<>(lastRootKeys);
      both.addAll(keys.get("root"));
      by = new ArrayList<>(both);
    }
    byte[] bytes = signedFile("root", rootSigned(v), by);
    roots.add(bytes);
    lastRootKeys = keys.get("root");
    signers.remove("root");
    return bytes;
  }

  JsonObject rootSigned(long v) {
    JsonObject.Builder keyObjects = JsonObject.builder();
    JsonObject.Builder roles = JsonObject.builder();
    for (String role : TOP) {
      List<String> ids = new ArrayList<>();
      for (SigningKey k : keys.get(role)) {
        keyObjects.put(k.publicKey().keyId(), k.publicKey().toJson());
        ids.add(k.publicKey().keyId());
      }
      roles.put(role, JsonObject.builder().put("keyids", Docs.strings(ids))
          .put("threshold", thresholds.get(role)).build());
    }
    return header("root", v).put("consistent_snapshot", consistent)
        .put("keys", keyObjects.build()).put("roles", roles.build()).build();
  }

  private JsonObject.Builder header(String type, long v) {
    return JsonObject.builder().put("_type", type).put("spec_version", specVersion)
        .put("version", v).put("expires", Docs.time(expires.getOrDefault(type, EXPIRES)));
  }

  private byte[] signedFile(String role, JsonObject signed, List<SigningKey> by) {
    UnaryOperator<JsonObject> edit = edits.get(role);
    JsonObject s = edit == null ? signed : edit.apply(signed);
    JsonObject env = Docs.sign(s, by);
    UnaryOperator<JsonObject> envEdit = envelopeEdits.get(role);
    return Docs.file(envEdit == null ? env : envEdit.apply(env));
  }

  private List<SigningKey> signersOf(String role, List<SigningKey> roleKeys) {
    return signers.getOrDefault(role, roleKeys);
  }

  /** The metadata of a targets role (top-level or delegated). */
  byte[] targetsFile(String role) {
    JsonObject.Builder list = JsonObject.builder();
    for (Map.Entry<String, byte[]> t : targets.getOrDefault(role, Map.of()).entrySet()) {
      list.put(t.getKey(), targetEntry(t.getValue()));
    }
    JsonObject.Builder signed = JsonObject.builder().put("_type", "targets").put("spec_version", specVersion)
        .put("version", version(role)).put("expires", Docs.time(expires.getOrDefault(role, EXPIRES)))
        .put("targets", list.build());
    JsonObject dels = delegationsJson(role);
    if (dels != null) {
      signed.put("delegations", dels);
    }
    return signedFile(role, signed.build(), signersOf(role, keysOf(role)));
  }

  static JsonObject targetEntry(byte[] content) {
    return JsonObject.builder().put("length", content.length)
        .put("hashes", JsonObject.builder().put("sha256", Docs.sha256(content)).build()).build();
  }

  private JsonObject delegationsJson(String role) {
    List<Delegation> ds = delegations.getOrDefault(role, List.of());
    boolean bins = role.equals("targets") && succinct != null;
    if (ds.isEmpty() && !bins) {
      return null;
    }
    JsonObject.Builder keyObjects = JsonObject.builder();
    List<JsonValue> roles = new ArrayList<>();
    for (Delegation d : ds) {
      List<String> ids = new ArrayList<>();
      for (SigningKey k : d.keys) {
        keyObjects.put(k.publicKey().keyId(), k.publicKey().toJson());
        ids.add(k.publicKey().keyId());
      }
      JsonObject.Builder r = JsonObject.builder().put("name", d.name).put("keyids", Docs.strings(ids))
          .put("threshold", d.threshold).put("terminating", d.terminating);
      if (d.paths != null) {
        r.put("paths", Docs.strings(d.paths));
      }
      if (d.hashPrefixes != null) {
        r.put("path_hash_prefixes", Docs.strings(d.hashPrefixes));
      }
      roles.add(r.build());
    }
    JsonObject.Builder out = JsonObject.builder();
    if (bins) {
      List<String> ids = new ArrayList<>();
      for (SigningKey k : succinct.keys()) {
        keyObjects.put(k.publicKey().keyId(), k.publicKey().toJson());
        ids.add(k.publicKey().keyId());
      }
      out.put("succinct_roles", JsonObject.builder().put("keyids", Docs.strings(ids)).put("threshold", 1)
          .put("bit_length", succinct.bitLength()).put("name_prefix", succinct.namePrefix()).build());
    } else {
      out.put("roles", new JsonArray(roles));
    }
    return out.put("keys", keyObjects.build()).build();
  }

  /** The keys a targets role is signed with: its own for top-level, its delegation's otherwise. */
  List<SigningKey> keysOf(String role) {
    if (keys.containsKey(role)) {
      return keys.get(role);
    }
    for (List<Delegation> ds : delegations.values()) {
      for (Delegation d : ds) {
        if (d.name.equals(role)) {
          return d.keys;
        }
      }
    }
    if (succinct != null) {
      return succinct.keys();
    }
    throw new IllegalArgumentException("no such role " + role);
  }

  /** The file name a role's metadata is published under (consistent snapshots add the version). */
  String metadataName(String role) {
    return (consistent ? version(role) + "." : "") + Docs.encodeName(role) + ".json";
  }

  /**
   * Every file of the repository as it is now: all roots so far ({@code N.root.json}, committing
   * version 1 if none is), timestamp, snapshot, every targets role, and the target files.
   */
  State publish() {
    if (roots.isEmpty()) {
      commitRoot();
    }
    State s = new State();
    for (int i = 0; i < roots.size(); i++) {
      s.put("metadata/" + (i + 1) + ".root.json", roots.get(i));
    }
    JsonObject.Builder snapMeta = JsonObject.builder();
    for (String role : targets.keySet()) {
      byte[] file = targetsFile(role);
      s.put("metadata/" + metadataName(role), file);
      snapMeta.put(role + ".json", meta(version(role), file));
      for (Map.Entry<String, byte[]> t : targets.get(role).entrySet()) {
        s.put(targetFileName(t.getKey(), t.getValue()), t.getValue());
      }
    }
    byte[] snapshot = signedFile("snapshot", header("snapshot", version("snapshot")).put("meta", snapMeta.build()).build(),
        signersOf("snapshot", keys.get("snapshot")));
    s.put("metadata/" + metadataName("snapshot"), snapshot);
    byte[] timestamp = signedFile("timestamp", header("timestamp", version("timestamp"))
        .put("meta", JsonObject.builder().put("snapshot.json", meta(version("snapshot"), snapshot)).build()).build(),
        signersOf("timestamp", keys.get("timestamp")));
    s.put("metadata/timestamp.json", timestamp);
    return s;
  }

  /** Where a target is served: its path, or {@code dir/SHA256.name} under consistent snapshots. */
  String targetFileName(String path, byte[] content) {
    if (!consistent) {
      return "targets/" + path;
    }
    int slash = path.lastIndexOf('/');
    return "targets/" + path.substring(0, slash + 1) + Docs.sha256(content) + "." + path.substring(slash + 1);
  }

  private JsonObject meta(long version, byte[] file) {
    JsonObject.Builder m = JsonObject.builder().put("version", version);
    if (metaHashes) {
      m.put("length", file.length).put("hashes", JsonObject.builder().put("sha256", Docs.sha256(file)).build());
    }
    return m.build();
  }
}
