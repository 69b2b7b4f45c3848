package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs independent pieces of work on a few threads made for the call, failing on the first error. */
final class Parallel {
  private Parallel() {}

  interface Task {
    void run() throws StorageException;
  }

  /** Runs every task, on {@code threads} threads (the caller's own if 1); rethrows the first failure. */
  static void run(int threads, List<Task> tasks, String name) throws StorageException {
    if (threads <= 1 || tasks.size() <= 1) {
      for (Task t : tasks) {
        t.run();
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Task t : tasks) {
        futures.add(pool.submit(() -> {
          t.run();
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          futures.forEach(x -> x.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof StorageException se) {
            throw se;
          }
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException(null, "interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
