package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.repository.FileSystemStorage;
import dev.tuf4j.repository.Repository;
import dev.tuf4j.repository.RepositoryConfig;
import dev.tuf4j.repository.RoleKeys;
import dev.tuf4j.repository.RoleKind;
import dev.tuf4j.repository.SignatureStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code tuf4j repo init DIR}: a new repository whose first versions of the offline roles wait,
 * in {@code DIR/.tuf4j/pending/}, for their key holders ({@code repo sign}); {@code repo publish}
 * then writes the whole tree. The state folder appears whole or not at all.
 */
@Command(name = "init",
    description = {
      "Create a repository in DIR (a new or empty folder).",
      "Root, targets, bins/unclaimed (and claimed) then wait for their key",
      "holders' signatures ('repo sign'); 'repo publish' writes the tree.",
      "Targets keys sign targets, bins/unclaimed and claimed; the online key",
      "signs timestamp, snapshot, every bin-n and recently-claimed.",
      "--passphrase-* is the online key's passphrase."
    })
final class RepoInitCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "pep458", converter = LayoutName.class,
      description = "pep458 (default) or pep480.")
  private RepositoryConfig.Layout layout;

  @Option(names = "--bins", paramLabel = "N", defaultValue = "16384",
      description = "Number of hash bins: a power of two from 2 to 65536 (default 16384).")
  private int bins;

  @ArgGroup(exclusive = true)
  private Style style;

  static final class Style {
    @Option(names = "--succinct", description = "Delegate to the bins with TAP 15 succinct_roles (default).")
    boolean succinct;

    @Option(names = "--hash-prefixes", description = "One delegation per bin with path_hash_prefixes.")
    boolean hashPrefixes;
  }

  @Option(names = "--root-key", paramLabel = "FILE", required = true,
      description = "A root key holder's public key file (repeat for each holder).")
  private List<Path> rootKeys;

  @Option(names = "--root-threshold", paramLabel = "N", defaultValue = "1",
      description = "How many root keys must sign (default 1).")
  private int rootThreshold;

  @Option(names = "--targets-key", paramLabel = "FILE", required = true,
      description = "A targets key holder's public key file (repeat for each holder).")
  private List<Path> targetsKeys;

  @Option(names = "--targets-threshold", paramLabel = "N", defaultValue = "1",
      description = "How many targets keys must sign (default 1).")
  private int targetsThreshold;

  @Option(names = "--online-key", paramLabel = "FILE", required = true,
      description = "The online key: an encrypted private key file; its path is recorded for later runs.")
  private Path onlineKey;

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    refuseExisting();
    RepositoryConfig config;
    RoleKeys root;
    RoleKeys targets;
    try {
      config = RepositoryConfig.builder().layout(layout).binCount(bins)
          .binStyle(style != null && style.hashPrefixes ? RepositoryConfig.BinStyle.HASH_PREFIXES
              : RepositoryConfig.BinStyle.SUCCINCT)
          .build();
      root = new RoleKeys(RepoKeys.publicKeys(rootKeys), rootThreshold);
      targets = new RoleKeys(RepoKeys.publicKeys(targetsKeys), targetsThreshold);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    SigningKey online = RepoKeys.signingKey(onlineKey, passphrase, context);
    PublicKey onlinePublic = online.publicKey();
    if (root.keys().contains(onlinePublic) || targets.keys().contains(onlinePublic)) {
      throw new UserError(onlineKey + ": the online key may not also be a root or targets key;"
          + " an offline role signed by a key kept online would be offline in name only");
    }
    Map<RoleKind, RoleKeys> keys = new EnumMap<>(RoleKind.class);
    for (RoleKind k : config.roleKinds()) {
      keys.put(k, k == RoleKind.ROOT ? root : k.online() ? RoleKeys.of(onlinePublic) : targets);
    }

    List<Path> created = new ArrayList<>();
    Path temp = null;
    try {
      createFolders(created);
      temp = Files.createTempDirectory(dir, ".tuf4j-new-");
      RepoFolder.writeSettings(temp, config, onlineKey, onlinePublic);
      Path pending = Files.createDirectories(temp.resolve("pending"));
      // Nothing is written to storage until the first publish: create only stages.
      Repository repository = Repository.create(config, keys, FileSystemStorage.create(dir), context.clock(),
          List.of(online));
      List<SignatureStatus> needs = repository.pendingSignatures();
      for (SignatureStatus s : needs) {
        Files.write(pending.resolve(s.role() + ".json"), repository.pendingFile(s.role()).orElseThrow());
      }
      Files.move(temp, dir.resolve(RepoFolder.STATE), StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      created.clear();
      for (SignatureStatus s : needs) {
        context.out().println(RepoFolder.describe(s));
      }
      return Cli.OK;
    } catch (IOException e) {
      throw new UserError(dir + ": cannot create the repository: " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        deleteTree(temp);
      }
      for (int i = created.size() - 1; i >= 0; i--) {
        deleteTree(created.get(i));
      }
    }
  }

  private void refuseExisting() throws UserError {
    if (Files.exists(dir.resolve(RepoFolder.STATE)) || Files.exists(dir.resolve("metadata").resolve("root.json"))) {
      throw new UserError(dir + ": holds a repository already; not replacing it");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError(dir + ": not a folder");
    }
  }

  /** Creates DIR, DIR/metadata and DIR/targets as needed; records what it created, to undo. */
  private void createFolders(List<Path> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      Files.createDirectory(p);
      created.add(p);
    }
    for (String sub : new String[] {"metadata", "targets"}) {
      Path p = dir.resolve(sub);
      if (!Files.exists(p)) {
        Files.createDirectory(p);
        created.add(p);
      }
    }
  }

  static void deleteTree(Path d) {
    try (Stream<Path> all = Files.walk(d)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Best effort: the original failure is what the user needs to see.
    }
  }

  /** {@code --layout} names. */
  static final class LayoutName implements ITypeConverter<RepositoryConfig.Layout> {
    @Override
    public RepositoryConfig.Layout convert(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "pep458":
          return RepositoryConfig.Layout.PEP_458;
        case "pep480":
          return RepositoryConfig.Layout.PEP_480;
        default:
          throw new TypeConversionException("expected pep458 or pep480, got '" + value + "'");
      }
    }
  }
}
