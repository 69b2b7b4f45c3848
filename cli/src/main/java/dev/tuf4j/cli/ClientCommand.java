package dev.tuf4j.cli;

import dev.tuf4j.TargetNotFoundException;
import dev.tuf4j.TufException;
import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.TargetFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tuf4j client}: the TUF client for installer scripts and the cross-implementation
 * conformance suite, exactly as docs/CLI-CLIENT-CONTRACT.md says. Options come before the
 * subcommand, in any order; each subcommand checks that the options it needs are there.
 */
@Command(
    name = "client",
    description = {
      "A TUF client: keeps trusted metadata in MD and verified targets in TD.",
      "Exit status: 0 on full success, 1 on any failure."
    },
    footer = {
      "",
      "Examples:",
      "  tuf4j client --metadata-dir MD init root.json",
      "  tuf4j client --metadata-url https://repo/metadata/ --metadata-dir MD \\",
      "      refresh",
      "  tuf4j client --metadata-url MURL --metadata-dir MD --target-name a.whl \\",
      "      --target-dir TD --target-base-url https://repo/targets/ download",
      "  tuf4j client --metadata-url MURL --metadata-dir MD --root-sha256 HEX \\",
      "      --bootstrap-url https://repo/metadata/1.root.json refresh"
    })
final class ClientCommand {
  @ParentCommand private TopCommand top;
  @Spec private CommandSpec spec;

  @Option(names = "--metadata-dir", paramLabel = "MD",
      description = "Folder of trusted metadata (root.json, timestamp.json, ...).")
  private @Nullable Path metadataDir;

  @Option(names = "--metadata-url", paramLabel = "MURL",
      description = "Base URL of the repository's metadata.")
  private @Nullable String metadataUrl;

  @Option(names = "--target-name", paramLabel = "TARGET",
      description = "Target path to download; repeat for more, downloaded in order.")
  private List<String> targetNames = new ArrayList<>();

  @Option(names = "--target-dir", paramLabel = "TD", description = "Folder for verified targets.")
  private @Nullable Path targetDir;

  @Option(names = "--target-base-url", paramLabel = "TURL",
      description = "Base URL of the repository's targets.")
  private @Nullable String targetBaseUrl;

  @Option(names = "--bootstrap-url", paramLabel = "HTTPS_URL",
      description = {
        "When MD has no root.json: fetch the first root from this HTTPS URL instead of 'init'.",
        "Repeat for several independent sources, which must serve identical bytes."
      })
  private List<String> bootstrapUrls = new ArrayList<>();

  @Option(names = "--root-sha256", paramLabel = "HEX",
      description = "Pin for --bootstrap-url: the SHA-256 of the root file.")
  private @Nullable String rootSha256;

  @Option(names = "--root-keyids", paramLabel = "K1,K2", split = ",",
      description = "Pin for --bootstrap-url: the root role's keyids (with --root-threshold).")
  private List<String> rootKeyids = new ArrayList<>();

  @Option(names = "--root-threshold", paramLabel = "N",
      description = "Pin for --bootstrap-url: the root role's threshold (with --root-keyids).")
  private @Nullable Integer rootThreshold;

  @Option(names = "--trust-on-first-use",
      description = "Accept a bootstrapped root without any pin (a warning says so).")
  private boolean trustOnFirstUse;

  @Option(names = "--ca-file", paramLabel = "PEM",
      description = "Also trust the certificate authorities in this PEM file for HTTPS.")
  private @Nullable Path caFile;

  @Option(names = "--strict-clock",
      description = {
        "Fail (exit 1) when the system clock reads more than 5 minutes before the time metadata",
        "was last accepted into MD, instead of printing a warning: a clock set back could let",
        "expired metadata pass."
      })
  private boolean strictClock;

  // ---- subcommands ----

  @Command(name = "init",
      description = {
        "Trust TRUSTED_ROOT_FILE: copy it to MD/root.json. No network.",
        "The file is checked first: a TUF root signed by a threshold of its own root keys."
      })
  int init(@Parameters(paramLabel = "TRUSTED_ROOT_FILE", description = "The root to trust (any version).")
      Path rootFile) throws TufException, UserError {
    Path md = require(metadataDir, "--metadata-dir", "init");
    if (!bootstrapUrls.isEmpty()) {
      throw usage("init takes the root from TRUSTED_ROOT_FILE; --bootstrap-url is for the other subcommands");
    }
    RootInit.copy(rootFile, md);
    return Cli.OK;
  }

  @Command(name = "refresh",
      description = {
        "Update the trusted top-level metadata in MD.",
        "Root chain, timestamp, snapshot and top-level targets; no delegated role."
      })
  int refresh() throws TufException {
    try (ClientSession session = session("refresh", false)) {
      session.updater().refresh();
    }
    return Cli.OK;
  }

  @Command(name = "download",
      description = {
        "Refresh, then fetch each --target-name into TD, in order.",
        "Each target is found through the delegations; a verified copy already in TD is reused,",
        "else it is downloaded, verified and stored. Stops at the first failure; targets",
        "finished before it stay. Prints the path of each stored file."
      })
  int download() throws TufException {
    if (targetNames.isEmpty()) {
      throw usage("download needs at least one --target-name");
    }
    if (targetNames.contains("")) {
      // No role can list an empty path; say so before any request, naming the option.
      throw usage("--target-name must not be empty");
    }
    try (ClientSession session = session("download", true)) {
      Updater updater = session.updater();
      // The contract: refresh first, then each target in order with this one updater.
      updater.refresh();
      for (String name : targetNames) {
        TargetFile info = find(updater, name); // 5.6.7 search; 5.7.1 no info is a failure
        // 5.7: a stored copy that still matches the trusted length and hashes is not fetched again.
        Optional<Path> cached = updater.findCachedTarget(info);
        Path file;
        if (cached.isPresent()) {
          file = cached.get();
          context().debug("target " + name + ": the stored copy matches; not downloaded again");
        } else {
          file = session.downloadWithProgress(info);
        }
        context().out().println(OneLine.of(file.toString()));
      }
    }
    return Cli.OK;
  }

  @Command(name = "info",
      description = {
        "Print the verified info of TARGET as JSON (path, length, hashes, custom).",
        "Refreshes first, then finds TARGET through the delegations."
      })
  int info(@Parameters(paramLabel = "TARGET", description = "The target path.") String target)
      throws TufException {
    try (ClientSession session = session("info", false)) {
      Updater updater = session.updater();
      updater.refresh();
      context().out().println(JsonText.pretty(TargetJson.of(find(updater, target))));
    }
    return Cli.OK;
  }

  @Command(name = "list",
      description = {
        "Print every target path, through all delegations, one per line.",
        "Refreshes first, then loads every delegated role."
      })
  int list() throws TufException {
    try (ClientSession session = session("list", false)) {
      Updater updater = session.updater();
      updater.refresh();
      for (TargetFile t : updater.allTargets()) {
        context().out().println(OneLine.of(t.path()));
      }
    }
    return Cli.OK;
  }

  @Command(name = "audit",
      description = {
        "Refresh and report targets whose length or hashes changed since first recorded.",
        "FILE keeps the length and hashes of each target as first seen; new targets are added",
        "(FILE is written atomically). Prints one line per target that changed or vanished,",
        "and exits 1 if any did."
      })
  int audit(@Option(names = "--known-hashes", paramLabel = "FILE", required = true,
      description = "The record of first-seen lengths and hashes (not a *.json file in MD).")
      Path knownHashes) throws TufException, UserError {
    try (ClientSession session = session("audit", false)) {
      TargetAudit audit = TargetAudit.open(knownHashes, session.options().metadataDir());
      Updater updater = session.updater();
      updater.refresh();
      return audit.run(updater.allTargets(), context());
    }
  }

  // ---- helpers ----

  private static TargetFile find(Updater updater, String name) throws TufException {
    return updater.targetInfo(name).orElseThrow(
        () -> new TargetNotFoundException(name, "no trusted targets metadata lists it"));
  }

  private CliContext context() {
    return top.context;
  }

  private ClientSession session(String subcommand, boolean downloading) {
    Path md = require(metadataDir, "--metadata-dir", subcommand);
    URI murl = baseUrl(require(metadataUrl, "--metadata-url", subcommand), "--metadata-url");
    Path td = null;
    URI turl = null;
    if (downloading) {
      td = require(targetDir, "--target-dir", subcommand);
      turl = baseUrl(require(targetBaseUrl, "--target-base-url", subcommand), "--target-base-url");
      Path tdAbsolute = td.toAbsolutePath().normalize();
      if (md.toAbsolutePath().normalize().startsWith(tdAbsolute)) {
        // A target named root.json must never land on the trusted root, nor any *.json in MD.
        throw usage("--target-dir must not be the metadata folder or a folder holding it");
      }
    }
    return new ClientSession(new ClientOptions(md, murl, td, turl, bootstrap(), caFile, strictClock), context());
  }

  private ClientOptions.@Nullable Bootstrap bootstrap() {
    boolean pinned = rootSha256 != null || !rootKeyids.isEmpty() || rootThreshold != null;
    if (bootstrapUrls.isEmpty()) {
      if (pinned || trustOnFirstUse) {
        throw usage("--root-sha256, --root-keyids, --root-threshold and --trust-on-first-use need --bootstrap-url");
      }
      return null;
    }
    if (rootKeyids.isEmpty() != (rootThreshold == null)) {
      throw usage("--root-keyids and --root-threshold go together");
    }
    List<URI> urls = new ArrayList<>();
    for (String u : bootstrapUrls) {
      URI uri = parseUrl(u, "--bootstrap-url");
      if (!uri.getScheme().equalsIgnoreCase("https")) {
        throw usage("--bootstrap-url must be an https URL (TLS is what makes the first root trustworthy), got " + u);
      }
      urls.add(uri);
    }
    String sha = null;
    if (rootSha256 != null) {
      sha = rootSha256.toLowerCase(Locale.ROOT);
      if (!sha.matches("[0-9a-f]{64}")) {
        throw usage("--root-sha256 must be 64 hex digits, got \"" + rootSha256 + "\"");
      }
    }
    LinkedHashSet<String> keyids = new LinkedHashSet<>();
    for (String k : rootKeyids) {
      if (!k.isBlank()) {
        keyids.add(k.trim().toLowerCase(Locale.ROOT));
      }
    }
    int threshold = rootThreshold == null ? 0 : rootThreshold;
    if (rootThreshold != null && (threshold < 1 || threshold > keyids.size())) {
      throw usage("--root-threshold must be between 1 and the number of --root-keyids (" + keyids.size() + "), got " + threshold);
    }
    return new ClientOptions.Bootstrap(List.copyOf(urls), sha, keyids, threshold, trustOnFirstUse);
  }

  private <T> T require(@Nullable T value, String option, String subcommand) {
    if (value == null) {
      throw usage(subcommand + " needs " + option);
    }
    return value;
  }

  /**
   * A base URL as given, with a {@code /} appended when missing (as python-tuf does; the
   * conformance suite's own example has none). Nothing else is changed: no decoding, no
   * normalising.
   */
  private URI baseUrl(String value, String option) {
    URI uri = parseUrl(value, option);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw usage(option + " must not have a query or fragment: " + value);
    }
    return value.endsWith("/") ? uri : URI.create(value + "/");
  }

  private URI parseUrl(String value, String option) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (java.net.URISyntaxException e) {
      throw usage(option + " is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw usage(option + " must be an absolute http or https URL, got " + value);
    }
    return uri;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
