package dev.tuf4j.metadata;

import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The threshold count of V3, shared by root and targets delegators, in two forms: {@link #check}
 * tries every listed key and reports which signed (for tooling: status reports, ceremonies);
 * {@link #require} stops once the threshold is met (for the client) and remembers a success on
 * the delegate, so that the same immutable metadata checked again against the same keys,
 * threshold and role is not hashed and verified again.
 */
final class SignatureCheck {
  private SignatureCheck() {}

  static VerificationResult check(
      String roleName,
      DelegationEntry entry,
      Map<String, Key> keys,
      Metadata<?> delegate,
      SchemeRegistry registry) {
    List<@Nullable PublicKey> resolved = resolve(entry, keys, registry);
    List<String> signedBy = new ArrayList<>();
    List<String> notSignedBy = new ArrayList<>();
    count(entry, resolved, delegate, Integer.MAX_VALUE, signedBy, notSignedBy);
    return new VerificationResult(roleName, true, entry.threshold(), signedBy, notSignedBy);
  }

  /**
   * Throws unless a threshold of distinct keys signed. Checks keys in the delegator's order and
   * stops at the threshold; on failure every key has been tried, so the count is complete.
   *
   * @param delegator who delegates, for the message
   */
  static void require(
      String roleName,
      DelegationEntry entry,
      Map<String, Key> keys,
      Metadata<?> delegate,
      SchemeRegistry registry,
      String delegator)
      throws UnsignedMetadataException {
    List<@Nullable PublicKey> resolved = resolve(entry, keys, registry);
    VerifiedBy memo = new VerifiedBy(roleName, entry.keyids(), entry.threshold(), resolved);
    if (delegate.wasVerifiedBy(memo)) {
      return;
    }
    int valid = count(entry, resolved, delegate, entry.threshold(), new ArrayList<>(), new ArrayList<>());
    if (valid < entry.threshold()) {
      throw new UnsignedMetadataException(roleName, delegator, entry.threshold(), valid);
    }
    delegate.rememberVerifiedBy(memo);
  }

  /** The usable public key for each of the entry's keyids, in order; null where there is none. */
  private static List<@Nullable PublicKey> resolve(
      DelegationEntry entry, Map<String, Key> keys, SchemeRegistry registry) {
    List<@Nullable PublicKey> out = new ArrayList<>(entry.keyids().size());
    for (String keyid : entry.keyids()) {
      Key key = keys.get(keyid);
      out.add(key == null ? null : key.publicKey(registry).orElse(null));
    }
    return out;
  }

  /** Counts valid signatures by distinct keys, stopping once {@code enough} have counted. */
  private static int count(
      DelegationEntry entry,
      List<@Nullable PublicKey> resolved,
      Metadata<?> delegate,
      int enough,
      List<String> signedBy,
      List<String> notSignedBy) {
    // The canonical bytes are computed once per metadata object, never once per key.
    byte[] message = delegate.signedBytesUnsafe();
    Map<String, Signature> signatures = delegate.signaturesByKeyId();
    Set<PublicKey> counted = new HashSet<>();
    for (int i = 0; i < resolved.size(); i++) {
      String keyid = entry.keyids().get(i);
      if (counted.size() >= enough) {
        break;
      }
      PublicKey publicKey = resolved.get(i);
      Signature signature = signatures.get(keyid);
      Optional<byte[]> sig = signature == null ? Optional.empty() : Hex.decode(signature.sig());
      // Only keys the delegator lists count; a failed or unusable signature is ignored, not
      // fatal; a public key counts once even when listed under two keyids.
      if (publicKey != null
          && sig.isPresent()
          && !counted.contains(publicKey)
          && publicKey.verify(message, sig.get())) {
        counted.add(publicKey);
        signedBy.add(keyid);
      } else {
        notSignedBy.add(keyid);
      }
    }
    return counted.size();
  }

  /**
   * That a metadata object met the threshold of {@code keys} (the delegator's keys for its
   * keyids, in order) for {@code role}. The outcome of a check is a function of these and of
   * the delegate's signed bytes and signatures, which never change: so a match means a new
   * check would succeed too. Keys match by identity (the very decoded key objects), never by
   * value, so the memo is reused only while the delegator's own objects are in use.
   */
  record VerifiedBy(String role, List<String> keyids, int threshold, List<@Nullable PublicKey> keys) {
    boolean matches(VerifiedBy other) {
      if (!role.equals(other.role)
          || threshold != other.threshold
          || !keyids.equals(other.keyids)
          || keys.size() != other.keys.size()) {
        return false;
      }
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i) != other.keys.get(i)) {
          return false;
        }
      }
      return true;
    }
  }
}
