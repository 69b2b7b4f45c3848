package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files that newer metadata no longer references, kept while a kept snapshot may still lead a
 * client mid-update to them. With {@code keepVersions = N} the snapshots {@code S-N+1 .. S}
 * stay usable; a file last referenced by snapshot {@code T-1} (superseded when {@code T} was
 * published) goes once {@code T-1 < S-N+1}. Root files are never pruned: clients walk the chain.
 *
 * <p>The list lives in memory: files superseded before a restart are not pruned afterwards
 * (they are only disk space, never a danger).
 */
final class Garbage {
  private record Entry(boolean target, String name, long supersededAt) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  void metadata(String name, long supersededAt) {
    entries.putIfAbsent("m:" + name, new Entry(false, name, supersededAt));
  }

  void target(String name, long supersededAt) {
    entries.putIfAbsent("t:" + name, new Entry(true, name, supersededAt));
  }

  /** A file written again under the same name is live again: never prune it. */
  void revive(String name, boolean target) {
    if (!entries.isEmpty()) {
      entries.remove((target ? "t:" : "m:") + name);
    }
  }

  /**
   * Deletes what no kept snapshot needs once {@code snapshot} is the current one.
   *
   * @return the names deleted; names whose deletion failed stay for the next time
   */
  List<String> prune(RepositoryStorage storage, long snapshot, int keep) {
    List<String> deleted = new ArrayList<>();
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.supersededAt() <= snapshot - keep + 1) {
        try {
          if (e.target()) {
            storage.deleteTarget(e.name());
          } else {
            storage.deleteMetadata(e.name());
          }
          deleted.add(e.name());
          it.remove();
        } catch (StorageException ex) {
          // kept for the next publish
        }
      }
    }
    return deleted;
  }

  int size() {
    return entries.size();
  }
}
