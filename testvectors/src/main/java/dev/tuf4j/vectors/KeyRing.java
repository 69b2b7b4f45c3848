package dev.tuf4j.vectors;

import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.SigningKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys of one scenario, each made from a fixed seed ({@code "tuf4j-vectors/" + name}) by a
 * {@link DeterministicRandom}. One ring per scenario, so that RSA-PSS salts (drawn from the
 * key's random as it signs) depend only on what that scenario signs, in order.
 */
final class KeyRing {
  private final Map<String, SigningKey> keys = new HashMap<>();

  /** The key called {@code name}; the same name always gives the same key (and type). */
  SigningKey key(String name, KeyType type) {
    return keys.computeIfAbsent(name + "/" + type, n -> {
      DeterministicRandom random = new DeterministicRandom("tuf4j-vectors/" + n);
      // 2048-bit RSA: the smallest size every TUF implementation accepts, and quick to make.
      return type == KeyType.RSA ? SigningKey.generateRsa(2048, random) : SigningKey.generate(type, random);
    });
  }

  SigningKey ed25519(String name) {
    return key(name, KeyType.ED25519);
  }
}
