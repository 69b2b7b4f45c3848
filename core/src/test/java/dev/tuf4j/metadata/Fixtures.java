package dev.tuf4j.metadata;

import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deterministic keys and metadata for model tests. */
final class Fixtures {
  static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  private Fixtures() {}

  /** A deterministic SecureRandom: SHA1PRNG seeded before first use never reseeds itself. */
  static SecureRandom random(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(("tuf4j-test-" + seed).getBytes(StandardCharsets.UTF_8));
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static SigningKey key(long seed) {
    return SigningKey.generate(KeyType.ED25519, random(seed));
  }

  static SigningKey key(KeyType type, long seed) {
    return SigningKey.generate(type, random(seed));
  }

  /** A root whose four roles each use the given keys with the given threshold. */
  static Root root(List<SigningKey> keys, int threshold) {
    Map<String, Key> k = new LinkedHashMap<>();
    for (SigningKey s : keys) {
      k.put(s.publicKey().keyId(), Key.of(s.publicKey()));
    }
    List<String> ids = keys.stream().map(s -> s.publicKey().keyId()).toList();
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String name : List.of("root", "timestamp", "snapshot", "targets")) {
      roles.put(name, new Role(ids, threshold));
    }
    return Root.of(EXPIRES, k, roles);
  }

  static <T extends Signed> Metadata<T> signed(T signed, SigningKey... keys) {
    Metadata<T> m = Metadata.of(signed);
    for (SigningKey k : keys) {
      m = m.sign(k);
    }
    return m;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A minimal valid document of each type, as text with a placeholder to vary. */
  static String rootJson(String signedExtra) {
    return "{\"signatures\":[],\"signed\":{\"_type\":\"root\",\"spec_version\":\"1.0.31\",\"version\":1,"
        + "\"expires\":\"2030-01-01T00:00:00Z\",\"consistent_snapshot\":true,\"keys\":{"
        + "\"k1\":{\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"" + "ab".repeat(32) + "\"}}},"
        + "\"roles\":{\"root\":{\"keyids\":[\"k1\"],\"threshold\":1},\"timestamp\":{\"keyids\":[\"k1\"],\"threshold\":1},"
        + "\"snapshot\":{\"keyids\":[\"k1\"],\"threshold\":1},\"targets\":{\"keyids\":[\"k1\"],\"threshold\":1}}"
        + signedExtra + "}}";
  }
}
