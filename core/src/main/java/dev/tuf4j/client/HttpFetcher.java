package dev.tuf4j.client;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.internal.http.BodyReceiver;
import dev.tuf4j.client.internal.http.ConnectionPool;
import dev.tuf4j.client.internal.http.HttpConnection;
import dev.tuf4j.client.internal.http.Redirects;
import dev.tuf4j.client.internal.http.RequestFailures;
import dev.tuf4j.client.internal.http.ResponseHead;
import dev.tuf4j.client.internal.http.Route;
import dev.tuf4j.client.internal.http.TrustStores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Fetches over HTTP/1.1 and HTTPS, defending against a hostile server or network (TUF
 * specification 1.0.34, section 1.5.2):
 *
 * <ul>
 *   <li><b>Endless data:</b> the caller's cap is enforced as bytes arrive; a declared {@code
 *       Content-Length} over the cap fails before the body is read; a gzip body is capped after
 *       decoding (so a gzip bomb stops at the cap) and its compressed size is capped too.
 *   <li><b>Slow retrieval:</b> a connect timeout; a response timeout; a read timeout (no byte for
 *       that long); and a minimum average rate over a sliding window.
 *   <li><b>Redirects</b> are followed only within the same origin unless allowed, never from HTTPS
 *       to HTTP, with a hop limit and loop detection.
 *   <li><b>Retries</b> with exponential backoff, only for connection failures and 5xx statuses;
 *       never for 404, 403 or any other 4xx, and never once body bytes reached the sink.
 * </ul>
 *
 * <p>URIs are used exactly as given. Every request sends {@code User-Agent} and {@code
 * Accept-Encoding}. Errors name the URI where they happened, which after a redirect is not the one
 * passed in.
 *
 * <p>The HTTP/1.1 client is tuf4j's own, on blocking sockets, and runs entirely on the calling
 * thread: no selector or worker threads, and a connection is reused for the next request to the
 * same origin (kept idle for up to 55 s, 8 per origin). Why not {@code java.net.http}: measured,
 * its threads and asynchronous hand-offs cost more than the whole rest of a refresh where nothing
 * changed (see {@code docs/decisions.md}, "The HTTP client"). TLS is set up on the first HTTPS
 * connection, not before.
 *
 * <p>Thread-safe: one instance serves any number of concurrent fetches. {@link #close()} aborts
 * fetches in progress and closes the connections; a closed fetcher refuses new fetches.
 */
public final class HttpFetcher implements Fetcher, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HttpFetcher.class.getName());

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final boolean allowCrossOriginRedirects;
  private final int maxRedirects;
  private final boolean gzip;
  private final String userAgent;
  private final BodyReceiver receiver;
  private final Transport transport;

  /** Connections, TLS and proxy choice, and their lifecycle: shared with {@link #withGzip} views. */
  private static final class Transport {
    final ConnectionPool pool = new ConnectionPool();
    final @Nullable SSLContext configuredTls;
    final @Nullable ProxySelector proxy;
    final CountDownLatch closedSignal = new CountDownLatch(1);
    volatile boolean closed;
    private volatile @Nullable SSLSocketFactory tls;

    Transport(@Nullable SSLContext configuredTls, @Nullable ProxySelector proxy) {
      this.configuredTls = configuredTls;
      this.proxy = proxy;
    }

    /** The TLS socket factory, made on first use: the JDK's default context costs start-up time. */
    SSLSocketFactory tls() throws IOException {
      SSLSocketFactory factory = tls;
      if (factory == null) {
        try {
          SSLContext context = configuredTls != null ? configuredTls : SSLContext.getDefault();
          factory = context.getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
          throw new SSLException("the JDK has no default TLS context", e);
        }
        tls = factory;
      }
      return factory;
    }
  }

  private HttpFetcher(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.allowCrossOriginRedirects = b.allowCrossOriginRedirects;
    this.maxRedirects = b.maxRedirects;
    this.gzip = b.gzip;
    this.userAgent = b.userAgent != null ? b.userAgent : defaultUserAgent();
    this.receiver = new BodyReceiver(b.gzip, b.readTimeout, b.minBytesPerSecond, b.rateWindow);
    SSLContext tls = b.sslContext;
    if (tls == null && b.extraAuthorities != null) {
      tls = TrustStores.contextTrusting(b.extraAuthorities, true);
    }
    this.transport =
        new Transport(tls, b.proxy != null ? b.proxy : ProxySelector.getDefault());
  }

  private HttpFetcher(HttpFetcher base, boolean gzip) {
    this.connectTimeout = base.connectTimeout;
    this.readTimeout = base.readTimeout;
    this.maxAttempts = base.maxAttempts;
    this.initialBackoff = base.initialBackoff;
    this.allowCrossOriginRedirects = base.allowCrossOriginRedirects;
    this.maxRedirects = base.maxRedirects;
    this.gzip = gzip;
    this.userAgent = base.userAgent;
    this.receiver = base.receiver.withGzip(gzip);
    this.transport = base.transport;
  }

  /**
   * This fetcher's settings and connections, asking for gzip or not: an updater fetches metadata
   * with gzip and targets without (a target's hashes cover the bytes as served) over the same
   * connections. Closing either closes both.
   */
  public HttpFetcher withGzip(boolean gzip) {
    return gzip == this.gzip ? this : new HttpFetcher(this, gzip);
  }

  /** A fetcher with the defaults listed on {@link Builder}. */
  public static HttpFetcher create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The {@code User-Agent} this fetcher sends. */
  public String userAgent() {
    return userAgent;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks the calling thread; interrupting it aborts the download with a {@link
   * NetworkException} (and keeps the thread's interrupt status).
   *
   * @throws IllegalStateException this fetcher is closed
   */
  @Override
  public void fetch(URI uri, long maxLength, OutputStream sink)
      throws DownloadException, StorageException {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(sink, "sink");
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0, was " + maxLength);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null
        || !Redirects.validPort(uri)) {
      throw new IllegalArgumentException("not an absolute http or https URI: " + uri);
    }
    if (transport.closed) {
      throw new IllegalStateException("HttpFetcher is closed");
    }
    URI current = uri;
    Set<URI> visited = new HashSet<>();
    visited.add(current);
    for (int hops = 0; ; hops++) {
      URI next = fetchWithRetries(current, maxLength, sink);
      if (next == null) {
        return;
      }
      if (hops >= maxRedirects) {
        throw new NetworkException(
            current, "too many redirects (the limit is " + maxRedirects + ")");
      }
      Redirects.check(current, next, allowCrossOriginRedirects);
      if (!visited.add(next)) {
        throw new NetworkException(current, "redirect loop: redirected back to " + next);
      }
      LOG.log(System.Logger.Level.DEBUG, "following a redirect from {0} to {1}", current, next);
      current = next;
    }
  }

  /**
   * Aborts fetches in progress (they fail with a {@link NetworkException}), refuses new ones, and
   * closes every connection. Idempotent.
   */
  @Override
  public void close() {
    transport.closed = true;
    transport.closedSignal.countDown();
    transport.pool.close();
  }

  /** One request with its retries. Returns where a redirect points, or null when done. */
  private @Nullable URI fetchWithRetries(URI uri, long maxLength, OutputStream sink)
      throws DownloadException, StorageException {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return exchange(uri, maxLength, sink);
      } catch (Retryable r) {
        if (attempt >= maxAttempts) {
          throw r.failure;
        }
        LOG.log(
            System.Logger.Level.DEBUG,
            "attempt {0} of {1} failed, retrying in {2} ms: {3}",
            attempt,
            maxAttempts,
            backoff.toMillis(),
            r.failure.getMessage());
        pause(uri, backoff);
        backoff = backoff.compareTo(Duration.ofHours(1)) < 0 ? backoff.multipliedBy(2) : backoff;
      }
    }
  }

  private void pause(URI uri, Duration backoff) throws NetworkException {
    try {
      if (transport.closedSignal.await(backoff.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new NetworkException(uri, "fetcher closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(uri, "interrupted while waiting to retry", e);
    }
  }

  /** One HTTP request and response. Returns where a redirect points, or null when done. */
  private @Nullable URI exchange(URI uri, long maxLength, OutputStream sink)
      throws DownloadException, StorageException, Retryable {
    long start = System.nanoTime();
    Duration responseTimeout = connectTimeout.plus(readTimeout);
    long responseDeadline = start + responseTimeout.toNanos();
    Route route = Route.of(uri, transport.proxy);
    byte[] request = route.getRequest(uri, userAgent, gzip);
    while (true) {
      HttpConnection connection = transport.pool.take(route, start);
      boolean reused = connection != null;
      if (connection == null) {
        connection = connect(uri, route, start);
      }
      long before = connection.bytesRead();
      ResponseHead head;
      boolean answered = false;
      try {
        connection.write(request);
        head = ResponseHead.read(connection, responseDeadline);
        answered = true;
      } catch (IOException e) {
        throwIfAborted(uri, e);
        if (reused && connection.bytesRead() == before && !(e instanceof SocketTimeoutException)) {
          // The server closed this idle connection as we took it (RFC 9112, 9.3.1): the others
          // on the route are likely gone too. Not an attempt: try a new connection at once.
          transport.pool.evict(route);
          continue;
        }
        throw classified(RequestFailures.awaitingResponse(uri, e, responseTimeout));
      } finally {
        if (!answered) { // whatever went wrong, even an Error: the connection is in no known state
          transport.pool.discard(connection);
        }
      }
      return respond(uri, head, connection, maxLength, sink);
    }
  }

  /** Reads the response after its head; the connection goes back to the pool or is closed. */
  private @Nullable URI respond(
      URI uri, ResponseHead head, HttpConnection connection, long maxLength, OutputStream sink)
      throws DownloadException, StorageException, Retryable {
    boolean reusable = false;
    try {
      int status = head.status();
      if (status == 200) {
        reusable = receiver.receive(uri, head, connection, maxLength, sink) && head.keepAlive();
        return null;
      }
      reusable = receiver.discard(uri, head, connection) && head.keepAlive();
      if (Redirects.isRedirect(status)) {
        String location = head.first("location");
        if (location != null) {
          return Redirects.target(uri, location);
        }
      }
      HttpStatusException failure = new HttpStatusException(uri, status);
      if (status >= 500 && status <= 599) {
        throw new Retryable(failure);
      }
      throw failure;
    } catch (NetworkException e) {
      if (transport.closed) {
        throw new NetworkException(uri, "fetcher closed", e);
      }
      throw e;
    } finally {
      if (reusable) {
        transport.pool.release(connection, System.nanoTime());
      } else {
        transport.pool.discard(connection);
      }
    }
  }

  private HttpConnection connect(URI uri, Route route, long start)
      throws DownloadException, Retryable {
    HttpConnection connection;
    try {
      connection = new HttpConnection(route);
    } catch (IOException e) {
      throw new NetworkException(uri, "cannot open a socket: " + e.getMessage(), e);
    }
    transport.pool.busy(connection);
    boolean connected = false;
    try {
      connection.connect(start + connectTimeout.toNanos(), userAgent, transport::tls);
      connected = true;
      return connection;
    } catch (IOException e) {
      throwIfAborted(uri, e);
      throw classified(RequestFailures.connecting(uri, e, connectTimeout));
    } finally {
      if (!connected) { // an Error or a runtime exception too: never left busy
        transport.pool.discard(connection);
      }
    }
  }

  /** Throws the failure, as {@link Retryable} when another attempt may cure it. */
  private static DownloadException classified(RequestFailures.Classified c) throws Retryable {
    if (c.retryable()) {
      throw new Retryable(c.failure());
    }
    return c.failure();
  }

  /** A failure caused by {@link #close()} or by an interrupt is reported as such, never retried. */
  private void throwIfAborted(URI uri, IOException e) throws NetworkException {
    if (transport.closed) {
      throw new NetworkException(uri, "fetcher closed", e);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new NetworkException(uri, "interrupted while fetching", e);
    }
  }

  static String defaultUserAgent() {
    String version = HttpFetcher.class.getPackage().getImplementationVersion();
    return "tuf4j/" + (version == null || version.isBlank() ? "dev" : version);
  }

  /**
   * Settings for an {@link HttpFetcher}. Defaults: connect timeout 10 s; read timeout 30 s (the
   * server also has connect + read timeout to start its response); minimum rate 1024 bytes/s
   * averaged over 30 s; 3 attempts with 100 ms initial backoff, doubling; same-origin redirects
   * only, at most 5; gzip on; {@code User-Agent: tuf4j/<version>}; the JDK's default proxy
   * selector; the JDK's default TLS trust. Durations must be positive (a backoff may be zero)
   * and at most a day. Not thread-safe; the fetchers it builds are.
   */
  public static final class Builder {
    private static final Duration MAX_DURATION = Duration.ofDays(1);

    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private long minBytesPerSecond = 1024;
    private Duration rateWindow = Duration.ofSeconds(30);
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(100);
    private boolean allowCrossOriginRedirects;
    private int maxRedirects = 5;
    private boolean gzip = true;
    private @Nullable String userAgent;
    private @Nullable ProxySelector proxy;
    private @Nullable SSLContext sslContext;
    private @Nullable List<X509Certificate> extraAuthorities;

    private Builder() {}

    /** The longest wait for a TCP (and TLS) connection to be established. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * The longest wait for the next byte of a body; also bounds, together with the connect timeout,
     * the wait for the response headers.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * The slow retrieval floor: a body fails with {@link dev.tuf4j.SlowRetrievalException} when
     * fewer than {@code bytesPerSecond * window} bytes arrived during the last {@code window}
     * (judged from one window after the response started, with a resolution of a tenth of the
     * window). {@code bytesPerSecond} 0 turns the check off; the read timeout still applies.
     */
    public Builder minimumRate(long bytesPerSecond, Duration window) {
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException("bytesPerSecond must be >= 0");
      }
      Duration w = positive(window, "window");
      if (w.toMillis() < 1) {
        throw new IllegalArgumentException("window must be at least 1 ms");
      }
      this.minBytesPerSecond = bytesPerSecond;
      this.rateWindow = w;
      return this;
    }

    /**
     * How many times a request is tried in all, and the wait before the first retry (doubling after
     * each). Only failures to connect, connections closed before a response, and 5xx statuses are
     * retried. {@code maxAttempts} 1 means no retry.
     */
    public Builder retries(int maxAttempts, Duration initialBackoff) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1");
      }
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      if (initialBackoff.isNegative() || initialBackoff.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException("initialBackoff must be >= 0 and at most a day");
      }
      this.maxAttempts = maxAttempts;
      this.initialBackoff = initialBackoff;
      return this;
    }

    /**
     * Whether redirects may lead to another scheme, host or port. Off by default. Even when
     * allowed, a redirect from HTTPS to plain HTTP is refused.
     */
    public Builder allowCrossOriginRedirects(boolean allow) {
      this.allowCrossOriginRedirects = allow;
      return this;
    }

    /** How many redirects one fetch follows; 0 follows none. */
    public Builder maxRedirects(int maxRedirects) {
      if (maxRedirects < 0) {
        throw new IllegalArgumentException("maxRedirects must be >= 0");
      }
      this.maxRedirects = maxRedirects;
      return this;
    }

    /**
     * Whether to ask for gzip ({@code Accept-Encoding: gzip}) and decode gzip responses. When off,
     * the fetcher sends {@code Accept-Encoding: identity} and hands over the body exactly as
     * received, whatever its {@code Content-Encoding}. Turn it off for servers that wrongly label
     * files that are themselves compressed ({@code .tar.gz}) as gzip-encoded: decoding them would
     * produce bytes that fail the target's hash check.
     */
    public Builder gzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /** The {@code User-Agent} header; default {@code tuf4j/<version>}. */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent");
      if (userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("userAgent must be non-blank printable ASCII");
      }
      this.userAgent = userAgent;
      return this;
    }

    /**
     * How to choose a proxy; by default the JDK's {@link ProxySelector#getDefault()} (the {@code
     * http.proxyHost}, {@code https.proxyHost} and {@code http.nonProxyHosts} system properties).
     * Only HTTP proxies are used (HTTPS goes through a {@code CONNECT} tunnel); when the selector's
     * first answer is {@code DIRECT} or a SOCKS proxy, the connection is direct. {@link
     * java.net.http.HttpClient.Builder#NO_PROXY} turns proxies off.
     */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * The TLS context, for full control: only private authorities, client certificates. Cannot be
     * combined with {@link #trustedCertificates}.
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Trusts the certificate authorities in a PEM bundle <em>in addition to</em> the JDK's default
     * trust store (for a repository behind a private or corporate CA). Server host names are still
     * checked. To trust only a private CA, pass an {@link #sslContext} instead. The file is read
     * now.
     *
     * @throws StorageException the file cannot be read or holds no certificate
     */
    public Builder trustedCertificates(Path pemBundle) throws StorageException {
      this.extraAuthorities = TrustStores.readPemBundle(Objects.requireNonNull(pemBundle));
      return this;
    }

    /**
     * @throws IllegalStateException both {@link #sslContext} and {@link #trustedCertificates} were
     *     given
     */
    public HttpFetcher build() {
      if (sslContext != null && extraAuthorities != null) {
        throw new IllegalStateException("give either sslContext or trustedCertificates, not both");
      }
      return new HttpFetcher(this);
    }

    /** Positive and at most a day: longer is surely a mistake, and sums of them cannot overflow. */
    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero() || d.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(name + " must be positive and at most a day, was " + d);
      }
      return d;
    }
  }

  /** A failure that another attempt may cure. */
  private static final class Retryable extends Exception {
    final DownloadException failure;

    Retryable(DownloadException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }
}
