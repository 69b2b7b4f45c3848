package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  /** Below this many files a pool costs more than it saves. */
  private static final int PARALLEL_FROM = 16;
  /** Unlinks mostly wait for the file system, not for a CPU: more threads than cores help. */
  private static final int DELETE_THREADS = 8;

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
   * Deletes what no kept snapshot needs once {@code snapshot} is the current one. Deletions run
   * on several threads: a batch of uploads supersedes about a thousand bins, and one unlink
   * after another spends most of a publish waiting for the file system's journal.
   *
   * @return the names deleted; names whose deletion failed stay for the next time
   */
  List<String> prune(RepositoryStorage storage, long snapshot, int keep) {
    List<Entry> due = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.supersededAt() <= snapshot - keep + 1) {
        due.add(e);
      }
    }
    if (due.isEmpty()) {
      return List.of();
    }
    Set<Entry> done = ConcurrentHashMap.newKeySet();
    int threads = due.size() < PARALLEL_FROM ? 1 : DELETE_THREADS;
    int per = (due.size() + threads * 4 - 1) / (threads * 4);
    List<Parallel.Task> tasks = new ArrayList<>();
    for (int from = 0; from < due.size(); from += per) {
      List<Entry> part = due.subList(from, Math.min(due.size(), from + per));
      tasks.add(() -> {
        for (Entry e : part) {
          try {
            if (e.target()) {
              storage.deleteTarget(e.name());
            } else {
              storage.deleteMetadata(e.name());
            }
            done.add(e);
          } catch (StorageException ex) {
            // kept for the next publish
          }
        }
      });
    }
    try {
      Parallel.run(threads, tasks, "tuf4j-prune");
    } catch (StorageException e) {
      // not thrown: each task keeps its failures for the next publish
    }
    List<String> deleted = new ArrayList<>(done.size());
    for (Entry e : due) {
      if (done.contains(e)) {
        deleted.add(e.name());
        entries.remove((e.target() ? "t:" : "m:") + e.name());
      }
    }
    return deleted;
  }

  int size() {
    return entries.size();
  }
}
