package dev.tuf4j.client.store;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.FileSystemMetadataStore;
import dev.tuf4j.client.FileSystemTargetStore;
import dev.tuf4j.client.MetadataStore;
import dev.tuf4j.client.PendingTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs one store operation in a separate JVM, for tests that need a second process (file locks
 * are per process) or a process with a file size limit. Reports on stdout, one line per event.
 *
 * <ul>
 *   <li>{@code hold MD}: lock, print {@code LOCKED}, wait for a line on stdin, release, print
 *       {@code RELEASED}
 *   <li>{@code try MD}: print {@code ACQUIRED} (and release) or {@code BUSY}
 *   <li>{@code store MD ROLE SIZE}: store SIZE bytes as ROLE; print {@code STORED} or {@code
 *       FAILED message}
 *   <li>{@code commit TD STAGING PATH SIZE}: download SIZE bytes into PATH; print {@code
 *       COMMITTED} or {@code FAILED message}
 * </ul>
 */
@SuppressWarnings("try") // a held lock is used by existing, not by being referenced
public final class StoreProbeMain {
  private StoreProbeMain() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "hold":
        hold(new FileSystemMetadataStore(Path.of(args[1])));
        break;
      case "try":
        Optional<MetadataStore.Lock> lock = new FileSystemMetadataStore(Path.of(args[1])).tryLock();
        System.out.println(lock.isPresent() ? "ACQUIRED" : "BUSY");
        lock.ifPresent(MetadataStore.Lock::close);
        break;
      case "store":
        try {
          new FileSystemMetadataStore(Path.of(args[1]))
              .store(args[2], filler(Integer.parseInt(args[3])));
          System.out.println("STORED");
        } catch (StorageException e) {
          System.out.println("FAILED " + e.getMessage());
        }
        break;
      case "commit":
        commit(
            new FileSystemTargetStore(Path.of(args[1]), Path.of(args[2])),
            args[3],
            Integer.parseInt(args[4]));
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
    System.out.flush();
  }

  private static void hold(MetadataStore store) throws Exception {
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (MetadataStore.Lock lock = store.lock()) {
      System.out.println("LOCKED");
      System.out.flush();
      stdin.readLine();
    }
    System.out.println("RELEASED");
  }

  private static void commit(FileSystemTargetStore store, String path, int size) {
    byte[] chunk = filler(4096);
    try (PendingTarget pending = store.create(path)) {
      for (int written = 0; written < size; written += chunk.length) {
        pending.write(chunk, 0, Math.min(chunk.length, size - written));
      }
      pending.commit();
      System.out.println("COMMITTED");
    } catch (StorageException e) {
      System.out.println("FAILED " + e.getMessage());
    }
  }

  private static byte[] filler(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    return bytes;
  }
}
