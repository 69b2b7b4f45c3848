package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.client.Fetcher;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.client.RootBootstrap;
import dev.tuf4j.client.Updater;
import dev.tuf4j.client.UpdaterConfig;
import dev.tuf4j.metadata.TargetFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The objects behind one client run, each built only when first needed: the HTTP fetcher (its
 * TLS context loads the trust store, which costs start-up time that {@code init} and argument
 * errors should not pay), the bootstrapped root, and the single {@link Updater}.
 */
final class ClientSession implements AutoCloseable {
  private final ClientOptions options;
  private final CliContext context;
  private @Nullable HttpFetcher http;
  private @Nullable ProgressFetcher progress;
  private @Nullable Updater updater;

  ClientSession(ClientOptions options, CliContext context) {
    this.options = options;
    this.context = context;
  }

  ClientOptions options() {
    return options;
  }

  /** The one updater of this run; bootstraps the first root over HTTPS if asked to and needed. */
  Updater updater() throws TufException {
    if (updater == null) {
      Updater.Builder b = Updater.builder()
          .metadataBaseUrl(options.metadataUrl())
          .metadataDir(options.metadataDir())
          .fetcher(fetcher())
          .clock(context.clock());
      if (options.targetDir() != null) {
        b.targetDir(options.targetDir());
      }
      if (options.targetBaseUrl() != null) {
        b.targetBaseUrl(options.targetBaseUrl());
      }
      b.listener(new StderrListener(context, options.strictClock()));
      if (options.strictClock()) {
        b.config(UpdaterConfig.DEFAULTS.withStrictClock(true));
      }
      byte[] root = bootstrapRootIfNeeded();
      if (root != null) {
        b.trustedRoot(root);
      }
      updater = b.build();
    }
    return updater;
  }

  /** Downloads a target (5.7), with progress on the terminal if it takes long. */
  Path downloadWithProgress(TargetFile info) throws TufException {
    Updater u = updater();
    if (progress == null) {
      return u.download(info);
    }
    progress.expect(info.path(), info.length());
    try {
      return u.download(info);
    } finally {
      progress.done();
    }
  }

  /**
   * The first root from {@code --bootstrap-url}, accepted only under the pins given (or trust on
   * first use, reported as a warning). Used only when MD has no root.json: a root already
   * trusted is never replaced by a bootstrap.
   */
  private byte @Nullable [] bootstrapRootIfNeeded() throws TufException {
    ClientOptions.Bootstrap bootstrap = options.bootstrap();
    if (bootstrap == null) {
      return null;
    }
    Path rootFile = options.metadataDir().resolve("root.json");
    if (Files.exists(rootFile, LinkOption.NOFOLLOW_LINKS)) {
      context.debug("the metadata folder has a trusted root.json; --bootstrap-url is not used");
      return null;
    }
    RootBootstrap.Builder b = RootBootstrap.builder()
        .fetcher(fetcher())
        .trustOnFirstUse(bootstrap.trustOnFirstUse());
    bootstrap.urls().forEach(b::url);
    if (bootstrap.rootSha256() != null) {
      b.sha256(bootstrap.rootSha256());
    }
    if (!bootstrap.rootKeyids().isEmpty()) {
      b.rootKeys(bootstrap.rootKeyids(), bootstrap.rootThreshold());
    }
    RootBootstrap.Result result = b.build().fetch();
    if (result.trustOnFirstUse()) {
      context.warn("trusted the root from " + bootstrap.urls().get(0)
          + " on first use, without any pin; to pin it next time use --root-sha256 " + result.sha256());
    } else {
      context.debug("bootstrapped root version " + result.root().signed().version()
          + " accepted: " + String.join(", ", result.pinsSatisfied()));
    }
    return result.rootBytes();
  }

  private Fetcher fetcher() throws TufException {
    if (http == null) {
      HttpFetcher.Builder b = HttpFetcher.builder();
      if (options.caFile() != null) {
        b.trustedCertificates(options.caFile());
      }
      http = b.build(); // TLS is set up only if a URL of this run is HTTPS
      Terminal terminal = context.terminal();
      if (terminal != null) {
        progress = new ProgressFetcher(http, terminal, System::nanoTime);
      }
    }
    return progress != null ? progress : http;
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
  }
}
