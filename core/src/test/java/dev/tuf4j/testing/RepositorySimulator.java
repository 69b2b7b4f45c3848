package dev.tuf4j.testing;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.Fetcher;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.Delegations;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Role;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.SuccinctRoles;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import dev.tuf4j.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An in-memory TUF repository that serves itself through {@link Fetcher}, signs on demand and
 * records every request. Tests edit the models and signers directly, then call the {@code
 * update*} methods, which bump versions the way a repository publishes.
 *
 * <p>Metadata is served under {@link #METADATA_URL}, targets under {@link #TARGETS_URL}. Request
 * paths are recorded relative to those, prefixed {@code metadata/} or {@code targets/}.
 */
public final class RepositorySimulator implements Fetcher {
  public static final URI METADATA_URL = URI.create("https://repo.test/metadata/");
  public static final URI TARGETS_URL = URI.create("https://repo.test/targets/");
  public static final Instant EXPIRES = Instant.parse("2099-01-01T00:00:00Z");

  private long seed = 1;

  /** Role name to the keys that sign it (the delegator lists their public keys). */
  public final Map<String, List<SigningKey>> signers = new HashMap<>();

  public Root root;
  public Timestamp timestamp;
  public Snapshot snapshot;
  /** Targets roles by name, "targets" included. */
  public final Map<String, Targets> targets = new LinkedHashMap<>();
  /** Signed root versions, index 0 = version 1. */
  public final List<byte[]> signedRoots = new ArrayList<>();
  /** Target path to content. */
  public final Map<String, byte[]> targetFiles = new HashMap<>();

  /** Whether meta entries carry length and hashes (timestamp and snapshot). */
  public boolean computeMetafileHashesAndLength = false;

  /** Served instead of what the models say, keyed by request path ("metadata/timestamp.json"). */
  public final Map<String, byte[]> overrides = new HashMap<>();
  /** Answered with this HTTP status instead, keyed by request path. */
  public final Map<String, Integer> statuses = new HashMap<>();
  /** Rewrites a role's signed metadata just before it is served (to tamper). */
  public final Map<String, UnaryOperator<byte[]>> tamper = new HashMap<>();

  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  public RepositorySimulator() {
    this(true);
  }

  public RepositorySimulator(boolean consistentSnapshot) {
    Map<String, Key> keys = new LinkedHashMap<>();
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      SigningKey k = newKey();
      signers.put(role, new ArrayList<>(List.of(k)));
      keys.put(k.publicKey().keyId(), Key.of(k.publicKey()));
      roles.put(role, new Role(List.of(k.publicKey().keyId()), 1));
    }
    root = Root.of(EXPIRES, keys, roles).withConsistentSnapshot(consistentSnapshot);
    targets.put("targets", Targets.of(1, EXPIRES));
    snapshot = Snapshot.of(1, EXPIRES, Map.of("targets.json", MetaFile.ofVersion(1)));
    timestamp = Timestamp.of(1, EXPIRES, MetaFile.ofVersion(1));
    publishRoot();
  }

  /** A new Ed25519 key from a fixed sequence of seeds. */
  public SigningKey newKey() {
    return newKey(KeyType.ED25519);
  }

  public SigningKey newKey(KeyType type) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(("simulator-key-" + seed++).getBytes(StandardCharsets.UTF_8));
      return SigningKey.generate(type, r);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Signs the current root with the root signers and publishes it as the next root file. */
  public void publishRoot() {
    signedRoots.add(sign("root", root).toBytes());
  }

  /** Makes {@link #root} the next version, signs it with {@code signers["root"]}, publishes it. */
  public void bumpRoot() {
    root = root.withVersion(root.version() + 1);
    publishRoot();
  }

  /** Replaces the keys of a top-level role with one new key (in the next root, not published). */
  public SigningKey rotateKey(String role) {
    SigningKey k = newKey();
    for (String old : root.roles().get(role).keyids()) {
      root = root.withoutRoleKey(role, old);
    }
    root = root.withRoleKey(role, k.publicKey().keyId(), Key.of(k.publicKey()));
    signers.put(role, new ArrayList<>(List.of(k)));
    return k;
  }

  public void updateTimestamp() {
    timestamp = timestamp.withVersion(timestamp.version() + 1).withSnapshotMeta(metaFor("snapshot", snapshot.version()));
  }

  /** New snapshot listing every targets role's current version, then a new timestamp. */
  public void updateSnapshot() {
    Map<String, MetaFile> meta = new LinkedHashMap<>();
    for (Map.Entry<String, Targets> e : targets.entrySet()) {
      meta.put(e.getKey() + ".json", metaFor(e.getKey(), e.getValue().version()));
    }
    snapshot = snapshot.withVersion(snapshot.version() + 1).withMeta(meta);
    updateTimestamp();
  }

  /** Bumps a targets role's version (after the test edited it), then snapshot and timestamp. */
  public void updateTargets(String role) {
    Targets t = targets.get(role);
    targets.put(role, t.withVersion(t.version() + 1));
    updateSnapshot();
  }

  /** Adds a target file to a role (not yet published: call {@link #updateTargets}). */
  public TargetFile addTarget(String role, String path, byte[] content) {
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put("sha256", Hex.encode(Digester.digest(HashAlgorithm.SHA256, content)));
    TargetFile file = new TargetFile(path, content.length, hashes);
    targets.put(role, targets.get(role).withTarget(file));
    targetFiles.put(path, content);
    return file;
  }

  /** Delegates from {@code delegator} to a new role signed by one new key (not yet published). */
  public SigningKey addDelegation(String delegator, DelegatedRole role) {
    SigningKey k = newKey();
    DelegatedRole withKey = role.withKeyids(List.of(k.publicKey().keyId()));
    Targets parent = targets.get(delegator);
    Delegations d = parent.delegations().orElse(Delegations.of(Map.of(), List.of()));
    Map<String, Key> keys = new LinkedHashMap<>(d.keys());
    keys.put(k.publicKey().keyId(), Key.of(k.publicKey()));
    List<DelegatedRole> roles = new ArrayList<>(d.roles().orElse(List.of()));
    roles.add(withKey);
    targets.put(delegator, parent.withDelegations(Delegations.of(keys, roles)));
    targets.putIfAbsent(role.name(), Targets.of(1, EXPIRES));
    signers.put(role.name(), new ArrayList<>(List.of(k)));
    return k;
  }

  /** Delegates from {@code delegator} to succinct bins, creating every bin (not yet published). */
  public SigningKey addSuccinctBins(String delegator, int bitLength, String prefix) {
    SigningKey k = newKey();
    SuccinctRoles s = new SuccinctRoles(List.of(k.publicKey().keyId()), 1, bitLength, prefix);
    targets.put(delegator, targets.get(delegator).withDelegations(
        Delegations.succinct(Map.of(k.publicKey().keyId(), Key.of(k.publicKey())), s)));
    for (String bin : s.roleNames()) {
      targets.put(bin, Targets.of(1, EXPIRES));
      signers.put(bin, List.of(k));
    }
    return k;
  }

  /** The signed metadata for a role as the repository would serve it now. */
  public <T extends Signed> Metadata<T> sign(String role, T signed) {
    Metadata<T> m = Metadata.of(signed);
    for (SigningKey k : signers.getOrDefault(role, List.of())) {
      m = m.sign(k);
    }
    return m;
  }

  /** The bytes served for a role now (timestamp, snapshot or a targets role). */
  public byte[] metadataBytes(String role) {
    byte[] bytes;
    if (role.equals("timestamp")) {
      bytes = sign(role, timestamp).toBytes();
    } else if (role.equals("snapshot")) {
      bytes = sign(role, snapshot).toBytes();
    } else if (role.equals("root")) {
      bytes = signedRoots.get(signedRoots.size() - 1);
    } else {
      bytes = sign(role, targets.get(role)).toBytes();
    }
    UnaryOperator<byte[]> t = tamper.get(role);
    return t == null ? bytes : t.apply(bytes);
  }

  private MetaFile metaFor(String role, long version) {
    if (!computeMetafileHashesAndLength) {
      return MetaFile.ofVersion(version);
    }
    byte[] bytes = metadataBytes(role);
    return new MetaFile(version, (long) bytes.length,
        Map.of("sha256", Hex.encode(Digester.digest(HashAlgorithm.SHA256, bytes))), JsonObject.EMPTY);
  }

  /**
   * Writes the repository as it is now into a real server: every root version, the timestamp,
   * the snapshot and every targets role (under their consistent-snapshot names when enabled), and
   * every target file, below {@code /metadata/} and {@code /targets/}.
   */
  public void publishTo(TestServer server) {
    boolean consistent = root.consistentSnapshot();
    for (int v = 1; v <= signedRoots.size(); v++) {
      server.put("/metadata/" + v + ".root.json", signedRoots.get(v - 1));
    }
    server.put("/metadata/timestamp.json", metadataBytes("timestamp"));
    server.put("/metadata/" + (consistent ? snapshot.version() + "." : "") + "snapshot.json", metadataBytes("snapshot"));
    for (Map.Entry<String, Targets> e : targets.entrySet()) {
      String name = dev.tuf4j.client.internal.Names.encodeRoleName(e.getKey());
      server.put("/metadata/" + (consistent ? e.getValue().version() + "." : "") + name + ".json", metadataBytes(e.getKey()));
    }
    for (Map.Entry<String, byte[]> f : targetFiles.entrySet()) {
      String hash = consistent ? Hex.encode(Digester.digest(HashAlgorithm.SHA256, f.getValue())) : null;
      server.put("/targets/" + dev.tuf4j.client.internal.TargetUrls.path(f.getKey(), hash), f.getValue());
    }
  }

  /** Every request so far, in order. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public void clearRequests() {
    requests.clear();
  }

  @Override
  public void fetch(URI uri, long maxLength, OutputStream sink) throws DownloadException, StorageException {
    String s = uri.toString();
    String path;
    byte[] body;
    if (s.startsWith(METADATA_URL.toString())) {
      path = "metadata/" + s.substring(METADATA_URL.toString().length());
      requests.add(path);
      body = overrides.containsKey(path) ? overrides.get(path) : metadata(s.substring(METADATA_URL.toString().length()));
    } else if (s.startsWith(TARGETS_URL.toString())) {
      path = "targets/" + s.substring(TARGETS_URL.toString().length());
      requests.add(path);
      body = overrides.containsKey(path) ? overrides.get(path) : target(s.substring(TARGETS_URL.toString().length()));
    } else {
      throw new IllegalArgumentException("not a simulator URL: " + uri);
    }
    Integer status = statuses.get(path);
    if (status != null) {
      throw new HttpStatusException(uri, status);
    }
    if (body == null) {
      throw new HttpStatusException(uri, 404);
    }
    try {
      if (body.length > maxLength) {
        sink.write(body, 0, (int) maxLength);
        throw new LengthExceededException(uri, maxLength);
      }
      sink.write(body);
    } catch (IOException e) {
      throw new StorageException(null, "sink failed", e);
    }
  }

  private byte[] metadata(String name) {
    String decoded = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (!decoded.endsWith(".json")) {
      return null;
    }
    String stem = decoded.substring(0, decoded.length() - ".json".length());
    if (stem.equals("timestamp")) {
      return metadataBytes("timestamp");
    }
    int dot = stem.indexOf('.');
    Long version = null;
    String role = stem;
    if (dot > 0 && stem.substring(0, dot).chars().allMatch(Character::isDigit)) {
      version = Long.parseLong(stem.substring(0, dot));
      role = stem.substring(dot + 1);
    }
    if (role.equals("root")) {
      if (version == null) {
        return signedRoots.get(signedRoots.size() - 1);
      }
      return version >= 1 && version <= signedRoots.size() ? signedRoots.get((int) (version - 1)) : null;
    }
    if (root.consistentSnapshot() != (version != null)) {
      return null;
    }
    Signed current = role.equals("snapshot") ? snapshot : targets.get(role);
    if (current == null || (version != null && version != current.version())) {
      return null;
    }
    return metadataBytes(role);
  }

  private byte[] target(String name) {
    String decoded = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (!root.consistentSnapshot()) {
      return targetFiles.get(decoded);
    }
    int slash = decoded.lastIndexOf('/');
    String dir = decoded.substring(0, slash + 1);
    String base = decoded.substring(slash + 1);
    int dot = base.indexOf('.');
    if (dot < 0) {
      return null;
    }
    String hash = base.substring(0, dot);
    byte[] content = targetFiles.get(dir + base.substring(dot + 1));
    if (content == null) {
      return null;
    }
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, content)).equals(hash) ? content : null;
  }
}
