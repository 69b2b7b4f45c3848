package dev.tuf4j.cli;

import dev.tuf4j.KeyFileException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.StorageException;
import dev.tuf4j.crypto.KeyFiles;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.Signer;
import dev.tuf4j.repository.FileSystemStorage;
import dev.tuf4j.repository.Project;
import dev.tuf4j.repository.Repository;
import dev.tuf4j.repository.RepositoryConfig;
import dev.tuf4j.repository.RoleKeys;
import dev.tuf4j.repository.RoleKind;
import dev.tuf4j.repository.SignatureStatus;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A repository folder as the {@code repo} commands keep it between runs: the served tree that
 * {@link FileSystemStorage} writes ({@code DIR/metadata}, {@code DIR/targets}) and, beside it,
 * the operator's state in {@code DIR/.tuf4j/}, which is never served:
 *
 * <ul>
 *   <li>{@code repository.properties}: layout, bins, where the online key file is;
 *   <li>{@code online-key.pub.json}: the online public key;
 *   <li>{@code pending/ROLE.json}: the pending version of each offline role being signed (an
 *       ordinary metadata file, fed back to the repository with {@code addSignatures});
 *   <li>{@code claims}: projects whose move to claimed waits for the pending claimed version;
 *   <li>{@code projects/NAME/}: PEP 480 registrations waiting for their first upload;
 *   <li>{@code lock}: held by the command that works on the folder.
 * </ul>
 *
 * Core keeps pending versions and registrations in memory only; one process per command means
 * they must be written down here and given back to every {@link Repository} opened.
 */
final class RepoFolder implements AutoCloseable {
  static final String STATE = ".tuf4j";
  private static final int FORMAT = 1;

  private final Path dir;
  private final Path state;
  private final Properties properties;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private RepoFolder(Path dir, Properties properties, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.state = dir.resolve(STATE);
    this.properties = properties;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Opens (and locks) the repository folder {@code dir} that {@code repo init} made. */
  static RepoFolder open(Path dir) throws UserError {
    Path state = dir.resolve(STATE);
    Path file = state.resolve("repository.properties");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError(dir + ": not a tuf4j repository folder (no " + STATE + "/repository.properties;"
          + " create one with 'tuf4j repo init')");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage(), e);
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError(file + ": damaged repository settings: " + e.getMessage(), e);
    }
    if (!Integer.toString(FORMAT).equals(p.getProperty("format"))) {
      throw new UserError(file + ": not a repository settings file of format " + FORMAT);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(state.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this process (in-process runs)
      }
      if (lock == null) {
        throw new UserError(dir + ": another tuf4j command is working on this repository; try again when it ends");
      }
      RepoFolder folder = new RepoFolder(dir, p, channel, lock);
      folder.config(); // fail early on damaged settings
      return folder;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UserError(state.resolve("lock") + ": cannot lock the repository folder: " + e.getMessage(), e);
    } catch (UserError | RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Writes the settings of a new repository folder; the caller renames it into place. */
  static void writeSettings(Path stateDir, RepositoryConfig config, Path onlineKey, PublicKey onlinePublic)
      throws IOException, KeyFileException {
    Properties p = new Properties();
    p.setProperty("format", Integer.toString(FORMAT));
    p.setProperty("layout", config.layout() == RepositoryConfig.Layout.PEP_480 ? "pep480" : "pep458");
    p.setProperty("bins", Integer.toString(config.binCount()));
    p.setProperty("bin-style", config.binStyle() == RepositoryConfig.BinStyle.SUCCINCT ? "succinct" : "hash-prefixes");
    p.setProperty("consistent-snapshot", Boolean.toString(config.consistentSnapshot()));
    p.setProperty("online-key", onlineKey.toAbsolutePath().normalize().toString());
    StringWriter w = new StringWriter();
    p.store(w, "tuf4j repository settings; not served");
    Files.writeString(stateDir.resolve("repository.properties"), w.toString(), StandardCharsets.UTF_8);
    new KeyFiles(new SecureRandom()).writePublicKey(stateDir.resolve("online-key.pub.json"), onlinePublic);
  }

  Path dir() {
    return dir;
  }

  RepositoryConfig config() throws UserError {
    try {
      return config(properties);
    } catch (RuntimeException e) {
      throw new UserError(state.resolve("repository.properties") + ": damaged repository settings: " + e.getMessage(), e);
    }
  }

  private static RepositoryConfig config(Properties p) {
    RepositoryConfig.Builder b = RepositoryConfig.builder()
        .layout(switch (p.getProperty("layout", "")) {
          case "pep458" -> RepositoryConfig.Layout.PEP_458;
          case "pep480" -> RepositoryConfig.Layout.PEP_480;
          default -> throw new IllegalArgumentException("layout must be pep458 or pep480");
        })
        .binCount(Integer.parseInt(p.getProperty("bins", "")))
        .binStyle(p.getProperty("bin-style", "").equals("succinct")
            ? RepositoryConfig.BinStyle.SUCCINCT : RepositoryConfig.BinStyle.HASH_PREFIXES)
        .consistentSnapshot(Boolean.parseBoolean(p.getProperty("consistent-snapshot", "true")));
    return b.build();
  }

  /** The online key file as recorded at init. */
  Path onlineKeyFile() {
    return Path.of(properties.getProperty("online-key", ""));
  }

  /** Whether the first publish has happened (clients have a root to start from). */
  boolean published() {
    return Files.exists(dir.resolve("metadata").resolve("root.json"));
  }

  /** Reads the online key with its passphrase: the signer of every online role. */
  Signer onlineSigner(PassphraseOptions passphrase, CliContext context) throws UserError, KeyFileException {
    return RepoKeys.signingKey(onlineKeyFile(), passphrase, context);
  }

  /**
   * The repository with every pending version, registration and claim written down here. Before
   * the first publish nothing is in storage yet: the repository is created again and its
   * pending versions are replaced by the files, which hold the whole state at that point.
   */
  Repository repository(CliContext context, Collection<? extends Signer> onlineSigners, RepoProgress progress)
      throws UserError, StorageException, MetadataFormatException {
    RepositoryConfig config = config();
    FileSystemStorage storage = FileSystemStorage.create(dir);
    RepoProgressStorage tracked = new RepoProgressStorage(storage, progress);
    Map<String, byte[]> pending = readPending();
    Repository repo;
    if (published()) {
      repo = Repository.open(config, tracked, context.clock(), onlineSigners);
    } else {
      repo = Repository.create(config, placeholderKeys(config), tracked, context.clock(), onlineSigners);
      for (SignatureStatus s : repo.pendingSignatures()) {
        if (!pending.containsKey(s.role())) {
          // The placeholder would be published in its place: never let that happen.
          throw new UserError(pendingFile(s.role()) + " is missing; the repository was never published"
              + " and cannot be without it: start again with 'tuf4j repo init' in a new folder");
        }
        repo.discardPending(s.role());
      }
    }
    Set<String> offlineRoles = new LinkedHashSet<>();
    for (RoleKind k : config.roleKinds()) {
      if (!k.online()) {
        offlineRoles.add(config.roleName(k));
      }
    }
    for (Map.Entry<String, byte[]> e : pending.entrySet()) {
      String role = e.getKey();
      if (!offlineRoles.contains(role)) {
        throw new UserError(pendingFile(role) + ": not an offline role of this repository (" + String.join(", ", offlineRoles)
            + "); remove the file");
      }
      try {
        repo.addSignatures(role, e.getValue());
      } catch (IllegalArgumentException ex) {
        if (published() && isPublishedAlready(repo, role, e.getValue())) {
          // A publish that ended before it removed the file: the version is out already.
          deleteQuietly(pendingFile(role));
          continue;
        }
        throw new UserError(pendingFile(role) + ": " + ex.getMessage(), ex);
      } catch (MetadataFormatException ex) {
        throw new UserError(pendingFile(role) + ": not a pending metadata file: " + ex.getMessage(), ex);
      }
    }
    List<String> claims = claims();
    String claimed = config.layout() == RepositoryConfig.Layout.PEP_480 ? config.roleName(RoleKind.CLAIMED) : null;
    if (claimed != null && !claims.isEmpty() && repo.pendingFile(claimed).isEmpty()) {
      // Left by a publish of claimed that ended before it removed the list: the moves are done.
      deleteQuietly(state.resolve("claims"));
    } else if (claimed != null && !claims.isEmpty()) {
      // Core remembers which projects a claim moves only in memory; replaying the claims
      // rebuilds that. The replay must give exactly the pending content, which keeps its
      // signatures; anything else means the files do not belong together.
      byte[] file = repo.pendingFile(claimed).orElseThrow();
      try {
        repo.claimProjects(claims);
        repo.addSignatures(claimed, file);
      } catch (IllegalArgumentException ex) {
        throw new UserError(state.resolve("claims") + " does not match " + pendingFile(claimed) + ": " + ex.getMessage(), ex);
      }
    }
    for (Project p : RepoProjects.read(state.resolve("projects"))) {
      try {
        repo.registerProject(p);
      } catch (IllegalArgumentException ex) {
        // Registered already means its first upload brought the delegation: consumed.
        RepoProjects.delete(state.resolve("projects"), p);
      }
    }
    return repo;
  }

  private static boolean isPublishedAlready(Repository repo, String role, byte[] file) {
    try {
      long version = role.equals("root")
          ? dev.tuf4j.metadata.Metadata.parseRoot(file).signed().version()
          : dev.tuf4j.metadata.Metadata.parseTargets(file, role).signed().version();
      return version <= repo.publishedVersion(role);
    } catch (MetadataFormatException e) {
      return false;
    }
  }

  /**
   * Keys for re-creating an unpublished repository: every pending version they would go into
   * is replaced by its file at once, so no placeholder survives (and a missing file is an error).
   */
  private Map<RoleKind, RoleKeys> placeholderKeys(RepositoryConfig config) throws UserError {
    PublicKey key = RepoKeys.publicKey(state.resolve("online-key.pub.json"));
    Map<RoleKind, RoleKeys> keys = new EnumMap<>(RoleKind.class);
    for (RoleKind k : config.roleKinds()) {
      keys.put(k, RoleKeys.of(key));
    }
    return keys;
  }

  Path pendingFile(String role) {
    return state.resolve("pending").resolve(role + ".json");
  }

  private Map<String, byte[]> readPending() throws UserError {
    Map<String, byte[]> out = new TreeMap<>((a, b) -> order(a) - order(b) != 0 ? order(a) - order(b) : a.compareTo(b));
    Path folder = state.resolve("pending");
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        out.put(name.substring(0, name.length() - ".json".length()), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UserError(folder + ": cannot read the pending versions: " + e.getMessage(), e);
    }
    return out;
  }

  /** Root first, then targets: each is the delegator of what follows. */
  private static int order(String role) {
    return role.equals("root") ? 0 : role.equals("targets") ? 1 : 2;
  }

  /**
   * Writes every pending version the repository now has, and removes the files of those it no
   * longer has (published or discarded); clears the claims once claimed is no longer pending.
   */
  void savePending(Repository repo) throws UserError {
    Path folder = state.resolve("pending");
    Set<String> live = new LinkedHashSet<>();
    try {
      Files.createDirectories(folder);
      for (SignatureStatus s : repo.pendingSignatures()) {
        live.add(s.role());
        byte[] bytes = repo.pendingFile(s.role()).orElseThrow();
        Path f = pendingFile(s.role());
        if (!Files.exists(f) || !Arrays.equals(Files.readAllBytes(f), bytes)) {
          AtomicWrite.replace(f, bytes);
        }
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.toList()) {
          String name = f.getFileName().toString();
          if (name.endsWith(".json") && !live.contains(name.substring(0, name.length() - 5))) {
            Files.delete(f);
          }
        }
      }
      RepositoryConfig config = config();
      if (config.layout() == RepositoryConfig.Layout.PEP_480 && !live.contains(config.roleName(RoleKind.CLAIMED))) {
        Files.deleteIfExists(state.resolve("claims"));
      }
    } catch (IOException e) {
      throw new UserError(folder + ": cannot write the pending versions: " + e.getMessage(), e);
    }
  }

  /** Projects whose move to claimed is pending, in the order they were claimed. */
  List<String> claims() throws UserError {
    Path f = state.resolve("claims");
    try {
      return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UserError(f + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Records claimed projects; one claimed again moves to the end, as in the claimed role. */
  void addClaims(List<String> normalizedNames) throws UserError {
    LinkedHashSet<String> all = new LinkedHashSet<>(claims());
    for (String n : normalizedNames) {
      all.remove(n);
      all.add(n);
    }
    Path f = state.resolve("claims");
    try {
      AtomicWrite.replace(f, (String.join("\n", all) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserError(f + ": cannot write: " + e.getMessage(), e);
    }
  }

  Path projectsDir() {
    return state.resolve("projects");
  }

  /** The role name a command line names, as this layout calls it ({@code bins} or {@code unclaimed}). */
  static RoleKind roleKind(RepositoryConfig config, String name) throws UserError {
    String n = name.toLowerCase(Locale.ROOT);
    for (RoleKind k : config.roleKinds()) {
      String roleName = config.roleName(k);
      if (roleName.equals(n) || (k == RoleKind.BIN && (n.equals("bin") || n.equals(config.binNamePrefix())))) {
        return k;
      }
    }
    List<String> names = new ArrayList<>();
    for (RoleKind k : config.roleKinds()) {
      names.add(k == RoleKind.BIN ? "bin" : config.roleName(k));
    }
    throw new UserError("no role '" + name + "' in a " + (config.layout() == RepositoryConfig.Layout.PEP_480
        ? "PEP 480" : "PEP 458") + " repository; roles: " + String.join(", ", names));
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel releases it too.
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(@Nullable FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // Nothing to do: the lock goes with the process.
      }
    }
  }

  static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      // Left for the next run, which deletes it again.
    }
  }

  /** Describes a pending version's needs in one line. */
  static String describe(SignatureStatus s) {
    StringBuilder b = new StringBuilder(OneLine.of(s.role())).append(" version ").append(s.version());
    if (s.complete()) {
      return b.append(": signed, ready to publish").toString();
    }
    b.append(": needs");
    String sep = " ";
    for (SignatureStatus.Requirement r : s.requirements()) {
      if (!r.met()) {
        b.append(sep).append(r.stillNeeded()).append(" more of ").append(r.delegator())
            .append(" (").append(r.signedBy().size()).append('/').append(r.threshold())
            .append(", keyids ").append(String.join(" ", shortIds(r.missing()))).append(')');
        sep = "; ";
      }
    }
    return b.toString();
  }

  private static List<String> shortIds(List<String> ids) {
    return ids.stream().map(id -> id.length() > 16 ? id.substring(0, 16) : id).toList();
  }
}
