package dev.tuf4j.client;

import dev.tuf4j.RepositoryException;
import dev.tuf4j.StorageException;
import dev.tuf4j.TufException;
import dev.tuf4j.metadata.ContentCheck;
import dev.tuf4j.metadata.TargetFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Target files in the target folder (spec 5.7): finds a copy downloaded earlier that still
 * matches its trusted length and hashes, and downloads a new one into a pending file, checking the
 * bytes as they arrive, so that nothing partial or unchecked is ever visible under the target's
 * name. It is handed trusted target info and a URL; it knows nothing else of metadata.
 *
 * <p>Thread-safe: downloads may run in parallel ({@link Updater#downloadAll}).
 */
final class TargetDownloader {
  private final FileSystemTargetStore store;
  private final Fetcher fetcher;
  private final UpdaterListener listener;

  TargetDownloader(FileSystemTargetStore store, Fetcher fetcher, UpdaterListener listener) {
    this.store = store;
    this.fetcher = fetcher;
    this.listener = listener;
  }

  /** The stored file for {@code info} if it exists and still matches length and hashes. */
  Optional<Path> findCached(TargetFile info) throws TufException {
    Optional<InputStream> in = store.open(info.path());
    if (in.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream stream = in.get()) {
      info.verifyLengthAndHashes(stream);
      return Optional.of(store.fileFor(info.path()));
    } catch (RepositoryException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException(store.fileFor(info.path()), "cannot read the cached target", e);
    }
  }

  /**
   * Fetches {@code uri}, capped at the listed length, checks length and every hash while
   * writing a pending file, and commits it only if all match.
   *
   * @return the stored file
   */
  Path download(URI uri, TargetFile info) throws TufException {
    ContentCheck check = info.contentCheck();
    try (PendingTarget pending = store.create(info.path())) {
      long[] count = new long[1];
      fetcher.fetch(uri, info.length(), new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          try {
            check.update(b, off, len);
            pending.write(b, off, len);
            count[0] += len;
          } catch (TufException e) {
            throw new WrappedTufException(e);
          }
        }
      });
      check.finish();
      pending.commit();
      listener.downloaded(uri, count[0]);
      return store.fileFor(info.path());
    } catch (StorageException e) {
      if (e.getCause() instanceof WrappedTufException w) {
        throw w.tufCause();
      }
      throw e;
    }
  }

  /** Carries a check failure out of an OutputStream; unwrapped by {@link #download}. */
  private static final class WrappedTufException extends IOException {
    WrappedTufException(TufException cause) {
      super(cause.getMessage(), cause);
    }

    TufException tufCause() {
      return (TufException) getCause();
    }
  }
}
