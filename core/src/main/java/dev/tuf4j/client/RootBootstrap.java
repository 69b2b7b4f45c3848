package dev.tuf4j.client;

import dev.tuf4j.BootstrapException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.TufException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Role;
import dev.tuf4j.metadata.Root;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Gets the first trusted root over HTTPS when the application ships none, and accepts it only
 * under the pins the caller sets (docs/bootstrap.md):
 *
 * <ul>
 *   <li>the SHA-256 of the root's bytes ({@link Builder#sha256});
 *   <li>the root role's exact keyids and threshold ({@link Builder#rootKeys}); each pinned keyid
 *       must be the hash of the key the root lists under it, so a forged root cannot borrow the
 *       keyids;
 *   <li>several independent URLs that answer with byte-identical roots ({@link Builder#url}
 *       more than once).
 * </ul>
 *
 * <p>Every pin set must hold, and the root must be signed by a threshold of its own root keys.
 * With no pin the bootstrap is refused unless trust on first use is explicitly enabled; the
 * result then says so. Nothing is persisted here: the accepted bytes go to {@link
 * Updater.Builder#trustedRoot}, whose refresh persists them and walks the root chain (5.3) from
 * them. The shipped root (spec 5.2, PEP 458) remains the preferred anchor.
 */
public final class RootBootstrap {
  private final List<URI> urls;
  private final @Nullable String sha256;
  private final @Nullable Set<String> keyids;
  private final int threshold;
  private final boolean trustOnFirstUse;
  private final boolean allowPlainHttp;
  private final Fetcher fetcher;
  private final SchemeRegistry registry;
  private final long maxLength;

  private RootBootstrap(Builder b) {
    this.urls = List.copyOf(b.urls);
    this.sha256 = b.sha256;
    this.keyids = b.keyids == null ? null : Set.copyOf(b.keyids);
    this.threshold = b.threshold;
    this.trustOnFirstUse = b.trustOnFirstUse;
    this.allowPlainHttp = b.allowPlainHttp;
    this.fetcher = b.fetcher;
    this.registry = b.registry;
    this.maxLength = b.maxLength;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * What was accepted and why.
   *
   * @param rootBytes the exact bytes, to give to {@link Updater.Builder#trustedRoot}
   * @param pinsSatisfied each pin that held, described for a log or a report
   * @param trustOnFirstUse true when no pin was set and trust on first use accepted the root
   */
  public record Result(byte[] rootBytes, Metadata<Root> root, List<String> pinsSatisfied, boolean trustOnFirstUse) {
    public Result {
      rootBytes = rootBytes.clone();
      pinsSatisfied = List.copyOf(pinsSatisfied);
    }

    @Override
    public byte[] rootBytes() {
      return rootBytes.clone();
    }

    /** Hex SHA-256 of the accepted bytes, to pin next time. */
    public String sha256() {
      return Hex.encode(Digester.digest(HashAlgorithm.SHA256, rootBytes));
    }
  }

  /** Fetches the root from every URL and accepts it only if every pin holds. */
  public Result fetch() throws TufException {
    List<byte[]> answers = new ArrayList<>();
    for (URI url : urls) {
      answers.add(fetcher.fetchBytes(url, maxLength));
    }
    byte[] bytes = answers.get(0);
    List<String> satisfied = new ArrayList<>();
    if (urls.size() > 1) {
      for (int i = 1; i < answers.size(); i++) {
        if (!Arrays.equals(bytes, answers.get(i))) {
          throw new BootstrapException("expected byte-identical roots from every source, got sha256 "
              + hex(bytes) + " from " + urls.get(0) + " and " + hex(answers.get(i)) + " from " + urls.get(i));
        }
      }
      satisfied.add(urls.size() + " sources agree");
    }
    if (sha256 != null) {
      String actual = hex(bytes);
      if (!actual.equals(sha256)) {
        throw new BootstrapException("expected sha256 " + sha256 + ", got " + actual);
      }
      satisfied.add("sha256 " + sha256);
    }
    Metadata<Root> root;
    try {
      root = Metadata.parseRoot(bytes);
      // 5.2: the anchor must be signed by a threshold of its own root keys.
      root.signed().requireDelegate(Root.TYPE, root, registry);
    } catch (RepositoryException e) {
      throw new BootstrapException("the fetched root is not valid: " + e.getMessage(), e);
    }
    if (keyids != null) {
      checkKeys(root.signed());
      satisfied.add("root keys " + new java.util.TreeSet<>(keyids) + " threshold " + threshold);
    }
    boolean tofu = satisfied.isEmpty();
    if (tofu && !trustOnFirstUse) {
      throw new BootstrapException(
          "refusing a root fetched without a pin: give its sha256, its keyids and threshold, or several sources (or opt into trust on first use)");
    }
    return new Result(bytes, root, satisfied, tofu);
  }

  private void checkKeys(Root root) throws BootstrapException {
    Role role = root.roles().get(Root.TYPE);
    Set<String> actual = new LinkedHashSet<>(role.keyids());
    if (!actual.equals(keyids) || role.threshold() != threshold) {
      throw new BootstrapException("expected root keyids " + new java.util.TreeSet<>(keyids) + " with threshold "
          + threshold + ", got " + new java.util.TreeSet<>(actual) + " with threshold " + role.threshold());
    }
    for (String keyid : keyids) {
      Key key = root.keys().get(keyid);
      if (key == null) {
        throw new BootstrapException("expected a key listed under keyid " + keyid + ", got none");
      }
      // Keyids are names the root chooses; bind each pinned one to its key material.
      String computed = hex(CanonicalJson.encode(key.toJson()));
      if (!computed.equals(keyid)) {
        throw new BootstrapException("expected the key under keyid " + keyid + " to hash to it, got " + computed);
      }
    }
  }

  private static String hex(byte[] bytes) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, bytes));
  }

  /** Builds a {@link RootBootstrap}; fails fast on settings that cannot be right. */
  public static final class Builder {
    private final List<URI> urls = new ArrayList<>();
    private String sha256;
    private Set<String> keyids;
    private int threshold;
    private boolean trustOnFirstUse;
    private boolean allowPlainHttp;
    private Fetcher fetcher;
    private SchemeRegistry registry = SchemeRegistry.defaults();
    private long maxLength = UpdaterConfig.DEFAULTS.rootMaxLength();

    private Builder() {}

    /** A URL of the root (e.g. {@code https://repo/metadata/1.root.json}); repeat for more sources. */
    public Builder url(URI url) {
      urls.add(Objects.requireNonNull(url, "url"));
      return this;
    }

    /** Pins the SHA-256 of the root's bytes (64 hex characters, either case). */
    public Builder sha256(String hex) {
      String h = Objects.requireNonNull(hex, "hex").toLowerCase(Locale.ROOT);
      if (!h.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("a SHA-256 pin is 64 hex characters, got \"" + hex + "\"");
      }
      this.sha256 = h;
      return this;
    }

    /** Pins the root role's exact keyids and threshold. */
    public Builder rootKeys(Set<String> keyids, int threshold) {
      if (keyids.isEmpty()) {
        throw new IllegalArgumentException("pin at least one root keyid");
      }
      if (threshold < 1 || threshold > keyids.size()) {
        throw new IllegalArgumentException("threshold must be 1.." + keyids.size() + ", got " + threshold);
      }
      this.keyids = Set.copyOf(keyids);
      this.threshold = threshold;
      return this;
    }

    /** Accepts a root that no pin covers; {@link Result#trustOnFirstUse()} then reports it. */
    public Builder trustOnFirstUse(boolean enabled) {
      this.trustOnFirstUse = enabled;
      return this;
    }

    /** Allows {@code http:} URLs. For tests only: without TLS anyone on the path can answer. */
    public Builder allowPlainHttp(boolean allowed) {
      this.allowPlainHttp = allowed;
      return this;
    }

    /** The fetcher, e.g. an {@link HttpFetcher} trusting a CA bundle. */
    public Builder fetcher(Fetcher fetcher) {
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    public Builder schemeRegistry(SchemeRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The cap on the root's size, 1 to {@link UpdaterConfig#MAX_LENGTH_CAP} (read into memory). */
    public Builder maxLength(long maxLength) {
      if (maxLength < 1 || maxLength > UpdaterConfig.MAX_LENGTH_CAP) {
        throw new IllegalArgumentException(
            "maxLength must be 1.." + UpdaterConfig.MAX_LENGTH_CAP + ", got " + maxLength);
      }
      this.maxLength = maxLength;
      return this;
    }

    /** Scheme, host (lower case) and port, the scheme's default filled in. */
    private static String origin(URI u) {
      String scheme = Optional.ofNullable(u.getScheme()).orElse("").toLowerCase(Locale.ROOT);
      int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
      String host = Optional.ofNullable(u.getHost()).orElse(String.valueOf(u.getAuthority()));
      return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    public RootBootstrap build() {
      if (urls.isEmpty()) {
        throw new IllegalStateException("give at least one URL to fetch the root from");
      }
      for (URI u : urls) {
        String scheme = Optional.ofNullable(u.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPlainHttp && scheme.equals("http"))) {
          throw new IllegalArgumentException("a root is bootstrapped over HTTPS only, got " + u);
        }
      }
      // Sources agree only if they are several servers: one server asked twice (another path or
      // query) agrees with itself, and would turn trust on first use into a pin that is none.
      Set<String> origins = new LinkedHashSet<>();
      for (URI u : urls) {
        origins.add(origin(u));
      }
      if (origins.size() != urls.size()) {
        throw new IllegalArgumentException(
            "one server twice is not two sources (give each source's own host or port): " + urls);
      }
      if (fetcher == null) {
        fetcher = HttpFetcher.create();
      }
      return new RootBootstrap(this);
    }
  }
}
