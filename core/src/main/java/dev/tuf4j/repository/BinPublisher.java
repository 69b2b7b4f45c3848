package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import dev.tuf4j.metadata.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the bins a publish touches, streaming: each bin is encoded, signed and written, then
 * let go, so a publish of 16,384 bins never holds more than the changed bins (and one loaded bin
 * per thread). Bins are independent, so several threads sign them at once. Files get new
 * versions ({@code V.bin-n.json}) that nothing references until snapshot does, so a publish that
 * fails half-way leaves only unreferenced files, which the next publish overwrites.
 */
final class BinPublisher {
  /** Below this many bins a pool costs more than it saves. */
  private static final int PARALLEL_FROM = 32;

  /** A bin that was written: its new version and expiry, and the contents if loaded here. */
  record Written(int index, long version, Instant expires, BinContents loaded) {}

  private final RepositoryState s;
  private final Instant expires;
  private final boolean resignAll;
  private final OnlineSigning signing;

  BinPublisher(RepositoryState s, Instant expires, boolean resignAll, OnlineSigning signing) {
    this.s = s;
    this.expires = expires;
    this.resignAll = resignAll;
    this.signing = signing;
  }

  Map<Integer, Written> run() throws StorageException {
    BitSet pending = resignAll ? allBins() : s.bins.pending();
    List<int[]> chunks = new ArrayList<>();
    int threads = Math.min(s.config.signingThreads(), Math.max(1, pending.cardinality() / PARALLEL_FROM));
    int perChunk = Math.max(1, (pending.cardinality() + threads * 4 - 1) / (threads * 4));
    int[] chunk = new int[perChunk];
    int n = 0;
    for (int i = pending.nextSetBit(0); i >= 0; i = pending.nextSetBit(i + 1)) {
      chunk[n++] = i;
      if (n == perChunk) {
        chunks.add(chunk);
        chunk = new int[perChunk];
        n = 0;
      }
    }
    if (n > 0) {
      chunks.add(java.util.Arrays.copyOf(chunk, n));
    }
    // Changed bins and cached ones are looked up here, on one thread (the cache is not
    // thread-safe); workers only read files.
    Map<Integer, BinContents> known = new ConcurrentHashMap<>();
    Map<Integer, Boolean> changed = new ConcurrentHashMap<>();
    for (int i = pending.nextSetBit(0); i >= 0; i = pending.nextSetBit(i + 1)) {
      BinContents c = s.bins.changedBin(i);
      if (c != null) {
        known.put(i, c);
        changed.put(i, Boolean.TRUE);
      } else {
        BinContents cached = s.bins.cached(i);
        if (cached != null) {
          known.put(i, cached);
        }
      }
    }
    Map<Integer, Written> out = new ConcurrentHashMap<>();
    List<Parallel.Task> tasks = new ArrayList<>();
    for (int[] c : chunks) {
      tasks.add(() -> runChunk(c, known, changed, out));
    }
    Parallel.run(threads, tasks, "tuf4j-bin-signer");
    return out;
  }

  private void runChunk(int[] indices, Map<Integer, BinContents> known, Map<Integer, Boolean> changed,
      Map<Integer, Written> out) throws StorageException {
    for (int i : indices) {
      BinContents c = known.get(i);
      boolean loaded = false;
      if (c == null) {
        c = s.bins.load(i).orElseGet(() -> new BinContents(s.layout.name(i), expires));
        loaded = true;
      }
      if (!changed.containsKey(i) && !resignAll && !s.bins.mustResign(i, c.expires())) {
        continue;
      }
      long version = s.bins.version(i) + 1;
      byte[] signed = c.signedBytes(version, expires);
      List<Signature> sigs = signing.sign(signed);
      byte[] file = CanonicalBytes.envelope(sigs, signed);
      SizeGuard.checkBin(s.config, c.name(), file.length);
      s.storage.writeMetadata(FileNames.metadata(c.name(), version, s.config.consistentSnapshot()), file);
      out.put(i, new Written(i, version, expires, loaded ? c : null));
    }
  }

  private BitSet allBins() {
    BitSet b = new BitSet(s.layout.count());
    b.set(0, s.layout.count());
    return b;
  }
}
