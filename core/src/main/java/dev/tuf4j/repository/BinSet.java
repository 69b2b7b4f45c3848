package dev.tuf4j.repository;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.StorageException;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bin-n roles: their published versions, the bins whose targets changed since the last
 * publish (held in memory until then), the bins to re-sign without a change (loaded only while
 * publishing, one at a time), and a bounded cache of unchanged bins so that a stream of uploads
 * does not parse the same bins again and again. Nothing here holds all bins at once unless the
 * caller changes all of them. Used by one thread, except {@link #load} and the reads inside
 * {@link #prefetch}, which several threads may run at once.
 */
final class BinSet {
  private final BinLayout layout;
  private final RepositoryStorage storage;
  private final boolean consistent;
  private final int cacheSize;
  private final long[] versions;
  private final Map<Integer, BinContents> changed = new HashMap<>();
  private boolean resignAll;
  private Instant resignExpiringBefore = Instant.MIN;
  private final LinkedHashMap<Integer, BinContents> cache;
  /** Bins read ahead for a bulk change, until it is applied. */
  private final Map<Integer, BinContents> prefetched = new java.util.concurrent.ConcurrentHashMap<>();

  BinSet(BinLayout layout, RepositoryStorage storage, boolean consistent, int cacheSize) {
    this.layout = layout;
    this.storage = storage;
    this.consistent = consistent;
    this.cacheSize = cacheSize;
    this.versions = new long[layout.count()];
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, BinContents> eldest) {
        return size() > BinSet.this.cacheSize;
      }
    };
  }

  BinLayout layout() {
    return layout;
  }

  /** The published version of bin {@code index}; 0 before its first publish. */
  long version(int index) {
    return versions[index];
  }

  void setVersion(int index, long version) {
    versions[index] = version;
  }

  /**
   * The bin as it is now (changed, cached, published, or new and empty), to look at or change;
   * after changing it, call {@link #markChanged}. A bin read from storage goes into the cache.
   */
  BinContents open(int index, Instant newBinExpires) throws StorageException {
    BinContents b = changed.get(index);
    if (b == null) {
      b = cache.get(index);
    }
    if (b == null) {
      b = prefetched.remove(index);
    }
    if (b == null) {
      b = load(index).orElse(null);
    }
    if (b == null) {
      b = new BinContents(layout.name(index), newBinExpires);
    } else if (cacheSize > 0) {
      cache.put(index, b);
    }
    return b;
  }

  /**
   * Reads the given bins that are not in memory, on {@code threads} threads, so that a bulk
   * change does not parse them one after another; {@link #open} then finds them.
   */
  void prefetch(java.util.Set<Integer> indices, int threads) throws StorageException {
    List<Parallel.Task> tasks = new java.util.ArrayList<>();
    List<Integer> missing = new java.util.ArrayList<>();
    for (int i : indices) {
      if (!changed.containsKey(i) && !cache.containsKey(i) && versions[i] > 0) {
        missing.add(i);
      }
    }
    int per = Math.max(1, (missing.size() + threads * 4 - 1) / (threads * 4));
    for (int from = 0; from < missing.size(); from += per) {
      List<Integer> part = missing.subList(from, Math.min(missing.size(), from + per));
      tasks.add(() -> {
        for (int i : part) {
          load(i).ifPresent(b -> prefetched.put(i, b));
        }
      });
    }
    Parallel.run(threads, tasks, "tuf4j-bin-reader");
  }

  /** Forgets bins read ahead but not used. */
  void dropPrefetched() {
    prefetched.clear();
  }

  /** Keeps a changed bin in memory until it is written at the next publish. */
  void markChanged(int index, BinContents b) {
    if (changed.put(index, b) == null) {
      cache.remove(index);
    }
  }

  /** The bin as it is now (changed, cached or published), without marking it changed. */
  Optional<BinContents> peek(int index) throws StorageException {
    BinContents b = changed.get(index);
    if (b == null) {
      b = cache.get(index);
    }
    return b != null ? Optional.of(b) : load(index);
  }

  /** Re-sign every bin at the next publish (new bin keys). */
  void resignAll() {
    resignAll = true;
  }

  /** Re-sign, at the next publish, the bins that expire before {@code instant}. */
  void resignIfExpiringBefore(Instant instant) {
    if (instant.isAfter(resignExpiringBefore)) {
      resignExpiringBefore = instant;
    }
  }

  boolean hasChanges() {
    return !changed.isEmpty() || resignAll || !resignExpiringBefore.equals(Instant.MIN);
  }

  /** Bins to consider at the next publish, ascending. */
  BitSet pending() {
    BitSet all = new BitSet(layout.count());
    if (resignAll || !resignExpiringBefore.equals(Instant.MIN)) {
      all.set(0, layout.count());
    } else {
      changed.keySet().forEach(all::set);
    }
    return all;
  }

  /** A cached unchanged bin, or null. */
  BinContents cached(int index) {
    return cache.get(index);
  }

  /** The changed contents of a bin, or null. */
  BinContents changedBin(int index) {
    return changed.get(index);
  }

  /** Whether a bin without changes must be re-signed, given its current expiry. */
  boolean mustResign(int index, Instant expires) {
    return resignAll || expires.isBefore(resignExpiringBefore) || versions[index] == 0;
  }

  /** After a successful publish: changed bins become cached, nothing is pending. */
  void published() {
    for (Map.Entry<Integer, BinContents> e : changed.entrySet()) {
      if (cacheSize > 0) {
        cache.put(e.getKey(), e.getValue());
      }
    }
    changed.clear();
    resignAll = false;
    resignExpiringBefore = Instant.MIN;
  }

  /** A bin the publisher loaded for re-signing: cache it if there is room. */
  void remember(int index, BinContents b) {
    if (cacheSize > 0 && !changed.containsKey(index)) {
      cache.put(index, b);
    }
  }

  Optional<BinContents> load(int index) throws StorageException {
    long v = versions[index];
    if (v == 0) {
      return Optional.empty();
    }
    String name = layout.name(index);
    String file = FileNames.metadata(name, v, consistent);
    byte[] bytes = storage.readMetadata(file)
        .orElseThrow(() -> new StorageException(null, "metadata file " + file + " is missing from the repository"));
    try {
      return Optional.of(BinContents.parse(name, bytes));
    } catch (MetadataFormatException e) {
      throw new StorageException(null, "metadata file " + file + " in the repository is damaged: " + e.getMessage(), e);
    }
  }
}
