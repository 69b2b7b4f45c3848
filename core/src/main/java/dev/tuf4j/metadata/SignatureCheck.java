package dev.tuf4j.metadata;

import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The threshold count of V3, shared by root and targets delegators. */
final class SignatureCheck {
  private SignatureCheck() {}

  static VerificationResult check(
      String roleName,
      DelegationEntry entry,
      Map<String, Key> keys,
      Metadata<?> delegate,
      SchemeRegistry registry) {
    // The canonical bytes are computed once per metadata object, never once per key.
    byte[] message = delegate.signedBytesUnsafe();
    Map<String, Signature> signatures = delegate.signaturesByKeyId();
    Set<PublicKey> counted = new HashSet<>();
    List<String> signedBy = new ArrayList<>();
    List<String> notSignedBy = new ArrayList<>();
    for (String keyid : entry.keyids()) {
      Key key = keys.get(keyid);
      Signature signature = signatures.get(keyid);
      Optional<PublicKey> publicKey = key == null ? Optional.empty() : key.publicKey(registry);
      Optional<byte[]> sig = signature == null ? Optional.empty() : Hex.decode(signature.sig());
      // Only keys the delegator lists count; a failed or unusable signature is ignored, not
      // fatal; a public key counts once even when listed under two keyids.
      if (publicKey.isPresent()
          && sig.isPresent()
          && !counted.contains(publicKey.get())
          && publicKey.get().verify(message, sig.get())) {
        counted.add(publicKey.get());
        signedBy.add(keyid);
      } else {
        notSignedBy.add(keyid);
      }
    }
    return new VerificationResult(roleName, true, entry.threshold(), signedBy, notSignedBy);
  }
}
