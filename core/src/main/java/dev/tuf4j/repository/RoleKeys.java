package dev.tuf4j.repository;

import dev.tuf4j.crypto.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The public keys a role trusts and how many of them must sign.
 *
 * @param keys distinct keys, at least {@code threshold} of them
 * @param threshold at least 1
 */
public record RoleKeys(List<PublicKey> keys, int threshold) {
  public RoleKeys {
    keys = List.copyOf(keys);
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
    }
    if (keys.size() < threshold) {
      throw new IllegalArgumentException(
          "threshold " + threshold + " needs at least as many keys, got " + keys.size());
    }
    if (new HashSet<>(keys).size() != keys.size()) {
      throw new IllegalArgumentException("keys must be distinct");
    }
  }

  /** One key, threshold 1 (online roles, or a test). */
  public static RoleKeys of(PublicKey key) {
    return new RoleKeys(List.of(Objects.requireNonNull(key, "key")), 1);
  }

  /** A threshold of the given keys. */
  public static RoleKeys of(int threshold, PublicKey... keys) {
    return new RoleKeys(List.of(keys), threshold);
  }

  List<String> keyids() {
    return keys.stream().map(PublicKey::keyId).toList();
  }
}
