package dev.tuf4j.cli;

import dev.tuf4j.RepositoryException;
import dev.tuf4j.TufException;
import dev.tuf4j.client.FileSystemMetadataStore;
import dev.tuf4j.client.MetadataStore;
import dev.tuf4j.client.UpdaterConfig;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code client init}: the trust anchor of spec 5.2, copied byte for byte to {@code MD/root.json}
 * (any version, expired or not). It is checked first - a TUF root signed by a threshold of its
 * own root keys - so that a wrong file fails here, with nothing written, rather than at the
 * first refresh. No network.
 */
final class RootInit {
  private RootInit() {}

  static void copy(Path rootFile, Path metadataDir) throws TufException, UserError {
    byte[] bytes = read(rootFile);
    Metadata<Root> root;
    try {
      root = Metadata.parseRoot(bytes);
      root.signed().requireDelegate(Root.TYPE, root, SchemeRegistry.defaults());
    } catch (RepositoryException e) {
      throw new UserError(rootFile + ": not a trusted root: " + e.getMessage(), e);
    }
    MetadataStore store = new FileSystemMetadataStore(metadataDir);
    try (MetadataStore.Lock lock = store.lock()) {
      store.store(Root.TYPE, bytes);
      store.storeRootHistory(root.signed().version(), bytes);
      lock.flush(); // the store writes behind: only this reports a write that failed
    }
  }

  private static byte[] read(Path rootFile) throws UserError {
    long cap = UpdaterConfig.DEFAULTS.rootMaxLength();
    try (InputStream in = Files.newInputStream(rootFile)) {
      byte[] bytes = in.readNBytes((int) cap + 1);
      if (bytes.length > cap) {
        throw new UserError(rootFile + ": larger than " + cap + " bytes, not a root file");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new UserError(rootFile + ": no such file");
    } catch (IOException e) {
      throw new UserError(rootFile + ": cannot read it: " + e.getMessage(), e);
    }
  }
}
