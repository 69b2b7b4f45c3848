package dev.tuf4j.repository;

import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.Signer;
import dev.tuf4j.metadata.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The online signers of one role in one publish, and the signatures they make (counted, for the
 * result). Signing the same bytes again reuses the last signatures: the 16,384 empty bins of a
 * new repository (or of an expiry bump) have byte-identical {@code signed} parts - the role name
 * is not in them - and a signature over identical bytes by the same key is as valid as a new one
 * (Ed25519 would even make the same one; for randomised schemes any valid signature will do).
 */
final class OnlineSigning {
  private final List<Signer> signers;
  private final AtomicInteger count;
  /**
   * The last bytes signed and their signatures: one entry, compared in full, so memory stays
   * bounded and a match can never be a hash collision. Bins are signed in index order per
   * thread, so identical bins arrive in runs.
   */
  private final AtomicReference<Memo> last = new AtomicReference<>();

  private record Memo(byte[] bytes, List<Signature> signatures) {}

  private OnlineSigning(List<Signer> signers, AtomicInteger count) {
    this.signers = signers;
    this.count = count;
  }

  /**
   * The available signers for a role that trusts {@code keyids} with {@code threshold}.
   *
   * @throws UnsignedMetadataException when fewer than a threshold of its keys are available
   */
  static OnlineSigning forRole(String role, List<String> keyids, int threshold, Map<String, Signer> available,
      AtomicInteger count) throws UnsignedMetadataException {
    return forRole(role, keyids, threshold, available, count, List.of());
  }

  /**
   * As {@link #forRole(String, List, int, Map, AtomicInteger)}, also signing with the available
   * keys among {@code previousKeyids} - the keys the previous root trusted for the role, so that
   * the new file verifies under both roots while the new root is being published.
   */
  static OnlineSigning forRole(String role, List<String> keyids, int threshold, Map<String, Signer> available,
      AtomicInteger count, List<String> previousKeyids) throws UnsignedMetadataException {
    List<Signer> out = new ArrayList<>();
    for (String id : keyids) {
      Signer s = available.get(id);
      if (s != null) {
        out.add(s);
      }
    }
    if (out.size() < threshold) {
      throw new UnsignedMetadataException(role, "the online signers given to this repository", threshold, out.size());
    }
    for (String id : previousKeyids) {
      Signer s = available.get(id);
      if (s != null && !keyids.contains(id)) {
        out.add(s);
      }
    }
    return new OnlineSigning(List.copyOf(out), count);
  }

  /**
   * Signatures over canonical {@code signed} bytes, one per available key; the previous call's
   * if it signed the same bytes. Counted per signature returned. Thread-safe.
   */
  List<Signature> sign(byte[] signed) {
    Memo previous = last.get();
    if (previous != null && Arrays.equals(previous.bytes(), signed)) {
      count.addAndGet(previous.signatures().size());
      return previous.signatures();
    }
    List<Signature> out = new ArrayList<>(signers.size());
    for (Signer s : signers) {
      out.add(new Signature(s.publicKey().keyId(), Hex.encode(s.sign(signed))));
    }
    count.addAndGet(out.size());
    List<Signature> made = List.copyOf(out);
    last.set(new Memo(signed.clone(), made));
    return made;
  }
}
