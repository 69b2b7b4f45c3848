package dev.tuf4j.bench;

import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.HttpFetcher;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.Updater;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * sigstore-java 2.0.0's TUF client ({@code dev.sigstore.tuf.Updater}) doing one benchmark run:
 * a new updater over a folder store refreshes ({@code updateMeta}: root chain, timestamp,
 * snapshot, top-level targets) and downloads one target ({@code downloadTarget}, which reuses
 * a stored copy whose hashes match). Its own HTTP fetcher, its default verifiers (Ed25519 here)
 * and the system clock, as sigstore-java configures it.
 */
final class SigstoreClient {
  private SigstoreClient() {}

  /**
   * @param clientDir the store: {@code metadata/} and {@code targets/} under it; a cold run gets
   *     a new, empty one
   * @param trustedRoot the root file the client starts from
   */
  static void run(Path clientDir, Path trustedRoot, URI metadataUrl, URI targetUrl, String target)
      throws Exception {
    Files.createDirectories(clientDir.resolve("metadata"));
    Files.createDirectories(clientDir.resolve("targets"));
    FileSystemTufStore store =
        FileSystemTufStore.newFileSystemStore(clientDir.resolve("metadata"), clientDir.resolve("targets"));
    Updater updater = Updater.builder()
        .setTrustedRootPath(RootProvider.fromFile(trustedRoot))
        .setTrustedMetaStore(TrustedMetaStore.newTrustedMetaStore(PassthroughCacheMetaStore.newPassthroughMetaCache(store)))
        .setTargetStore(store)
        .setMetaFetcher(MetaFetcher.newFetcher(HttpFetcher.newFetcher(metadataUrl)))
        .setTargetFetcher(HttpFetcher.newFetcher(targetUrl))
        .build();
    updater.updateMeta();
    updater.downloadTarget(target);
  }
}
