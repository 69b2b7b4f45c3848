package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tuf4j serve} run in-process on port 0: what it prints, HTTPS under the printed
 * certificate pin, a PEM certificate and key, plain HTTP only when asked, and every way out of
 * the folder refused.
 */
class ServeTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path tmp;
  private Path repo;
  private byte[] target;
  private byte[] root2;
  private Running running;

  @BeforeEach
  void makeRepositoryFolder() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo"));
    Path metadata = Files.createDirectories(repo.resolve("metadata"));
    Path targets = Files.createDirectories(repo.resolve("targets").resolve("pkgs"));
    target = bytes(1, 5000);
    root2 = bytes(3, 700);
    Files.write(targets.resolve("a.whl"), target);
    Files.write(metadata.resolve("1.root.json"), bytes(2, 600));
    Files.write(metadata.resolve("2.root.json"), root2);
    Files.write(metadata.resolve("root.json"), root2);
    Files.write(metadata.resolve("timestamp.json"), bytes(4, 300));
    Files.write(metadata.resolve(".timestamp.json.x-1.tmp"), bytes(5, 10)); // a writer's temporary file
    Files.writeString(tmp.resolve("secret.txt"), "SECRET outside the folder");
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.stop();
    }
  }

  @Test
  void servesOverHttpsUnderThePrintedCertificatePin() throws Exception {
    running = Running.start("serve", repo.toString(), "--tls-self-signed");
    Map<String, String> printed = running.awaitLine("client");
    URI base = URI.create(printed.get("url"));
    assertEquals("https", base.getScheme());
    assertEquals("127.0.0.1", base.getHost());
    SSLContext pinned = pinning(printed.get("tls certificate sha256"));
    HttpsURLConnection c = (HttpsURLConnection) base.resolve("targets/pkgs/a.whl").toURL().openConnection();
    c.setSSLSocketFactory(pinned.getSocketFactory());
    assertEquals(200, c.getResponseCode());
    assertEquals(target.length, c.getContentLengthLong());
    try (InputStream in = c.getInputStream()) {
      assertArrayEquals(target, in.readAllBytes());
    }
  }

  @Test
  void theWrittenCaFileIsTheIssuerOfTheServedCertificate() throws Exception {
    running = Running.start("serve", repo.toString(), "--tls-self-signed");
    Map<String, String> printed = running.awaitLine("client");
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(Path.of(printed.get("ca file")))) {
      ca = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    HttpsURLConnection c = (HttpsURLConnection) URI.create(printed.get("metadata url")).resolve("timestamp.json")
        .toURL().openConnection();
    c.setSSLSocketFactory(ServeTls.trusting(ca).getSocketFactory());
    assertEquals(200, c.getResponseCode());
    assertTrue(printed.get("client").contains("--ca-file " + printed.get("ca file")), printed.get("client"));
    assertTrue(printed.get("client").contains("--root-sha256 "
        + Hex.encode(Digester.digest(HashAlgorithm.SHA256, root2))), printed.get("client"));
  }

  @Test
  void printsTheNewestRootAndItsSha256() throws Exception {
    running = Running.start("serve", repo.toString(), "--plain-http");
    Map<String, String> printed = running.awaitLine("client");
    String expected = Hex.encode(Digester.digest(HashAlgorithm.SHA256, root2));
    assertEquals(printed.get("url") + "metadata/2.root.json sha256 " + expected, printed.get("root"));
    assertEquals("tuf4j client --metadata-dir MD init " + repo.resolve("metadata/2.root.json").toAbsolutePath(),
        printed.get("client"));
  }

  @Test
  void servesACertificateAndKeyFromPemFiles() throws Exception {
    ServeTls.FreshCa ca = ServeTls.freshCa(new SecureRandom());
    ServeTls.ServerIdentity identity = ca.issue(List.of("127.0.0.1"));
    Path cert = Files.writeString(tmp.resolve("server.pem"),
        ServeTls.pem(identity.chain().get(0)) + ServeTls.pem(identity.chain().get(1)));
    Path key = Files.writeString(tmp.resolve("server.key"), ServeTls.pem(identity.key()));
    running = Running.start("serve", repo.toString(), "--cert", cert.toString(), "--key", key.toString());
    Map<String, String> printed = running.awaitLine("client");
    assertEquals(ServeTls.sha256(identity.certificate()), printed.get("tls certificate sha256"));
    HttpsURLConnection c = (HttpsURLConnection) URI.create(printed.get("url")).resolve("targets/pkgs/a.whl")
        .toURL().openConnection();
    c.setSSLSocketFactory(ServeTls.trusting(ca.certificate()).getSocketFactory());
    assertEquals(200, c.getResponseCode());
  }

  @Test
  void plainHttpNeedsItsExplicitFlag() throws Exception {
    InProcess.Result none = InProcess.run("serve", repo.toString());
    assertEquals(1, none.exitCode());
    assertEquals(1, none.stderrLines().size(), none.stderr());
    assertTrue(none.stderr().startsWith("error: choose one of --tls-self-signed"), none.stderr());

    running = Running.start("serve", repo.toString(), "--plain-http");
    assertTrue(running.awaitLine("url").get("url").startsWith("http://127.0.0.1:"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "--cert x.pem", "--key x.key", "--tls-self-signed --plain-http", "--port 70000 --plain-http",
      "--address example.org --plain-http"})
  void badOptionsFailWithOneLine(String options) {
    List<String> args = new java.util.ArrayList<>(List.of("serve", repo.toString()));
    args.addAll(List.of(options.split(" ")));
    InProcess.Result r = InProcess.run(args.toArray(String[]::new));
    assertEquals(1, r.exitCode(), r.stderr());
    assertEquals(1, r.stderrLines().size(), r.stderr());
    assertTrue(r.stderr().startsWith("error: "), r.stderr());
  }

  @Test
  void aPortInUseFailsWithOneLine() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      InProcess.Result r = InProcess.run("serve", repo.toString(), "--plain-http", "--port",
          Integer.toString(taken.getLocalPort()));
      assertEquals(1, r.exitCode());
      assertEquals(1, r.stderrLines().size(), r.stderr());
      assertTrue(r.stderr().startsWith("error: cannot listen on 127.0.0.1 port " + taken.getLocalPort()), r.stderr());
    }
  }

  @Test
  void aMissingFolderFailsWithOneLine() {
    InProcess.Result r = InProcess.run("serve", tmp.resolve("nope").toString(), "--plain-http");
    assertEquals(1, r.exitCode());
    assertEquals(List.of("error: " + tmp.resolve("nope") + ": not a folder"), r.stderrLines());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/../secret.txt",
      "/targets/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/targets/%2E%2E/%2e%2e/secret.txt",
      "/targets%2f..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "//secret.txt",
      "/targets//pkgs/a.whl",
      "/./targets/pkgs/a.whl",
      "/targets/escape",
      "/targets/escape-dir/secret.txt",
      "/metadata/.timestamp.json.x-1.tmp",
      "/targets/",
      "/targets/pkgs",
      "/",
      "/%00",
      "/%zz",
      "/metadata/3.root.json"})
  void refusesEverythingButFilesInsideTheFolder(String rawPath) throws Exception {
    Files.createSymbolicLink(repo.resolve("targets").resolve("escape"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(repo.resolve("targets").resolve("escape-dir"), tmp);
    running = Running.start("serve", repo.toString(), "--plain-http");
    URI base = URI.create(running.awaitLine("url").get("url"));
    String response = raw(base, "GET " + rawPath);
    // 400: the JDK server refuses a malformed request URI before it reaches the handler.
    assertTrue(response.startsWith("HTTP/1.1 404 ") || response.startsWith("HTTP/1.1 400 "), response);
    assertFalse(response.contains("SECRET"), response);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void refusesAnAbsolutePathToAFileOutside(boolean encoded) throws Exception {
    String absolute = tmp.resolve("secret.txt").toAbsolutePath().toString();
    String path = encoded ? "/" + absolute.replace("/", "%2f") : "/" + absolute;
    running = Running.start("serve", repo.toString(), "--plain-http");
    URI base = URI.create(running.awaitLine("url").get("url"));
    String response = raw(base, "GET " + path);
    assertTrue(response.startsWith("HTTP/1.1 404 "), response);
    assertFalse(response.contains("SECRET"), response);
  }

  @Test
  void aSymbolicLinkThatStaysInsideIsServed() throws Exception {
    Files.createSymbolicLink(repo.resolve("targets").resolve("alias.whl"), repo.resolve("targets/pkgs/a.whl"));
    running = Running.start("serve", repo.toString(), "--plain-http");
    URI base = URI.create(running.awaitLine("url").get("url"));
    String response = raw(base, "GET /targets/alias.whl");
    assertTrue(response.startsWith("HTTP/1.1 200 "), response);
  }

  @Test
  void headGivesTheLengthAndNoBody() throws Exception {
    running = Running.start("serve", repo.toString(), "--plain-http");
    URI base = URI.create(running.awaitLine("url").get("url"));
    String response = raw(base, "HEAD /targets/pkgs/a.whl");
    assertTrue(response.startsWith("HTTP/1.1 200 "), response);
    assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("content-length: " + target.length + "\r\n"),
        response);
    assertTrue(response.endsWith("\r\n\r\n"), "no body after the headers: " + response);
  }

  @Test
  void getGivesTheExactLengthAndBytes() throws Exception {
    running = Running.start("serve", repo.toString(), "--plain-http");
    URI base = URI.create(running.awaitLine("url").get("url"));
    String response = raw(base, "GET /targets/pkgs/a.whl");
    assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("content-length: " + target.length + "\r\n"),
        response);
    byte[] all = response.getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = java.util.Arrays.copyOfRange(all, response.indexOf("\r\n\r\n") + 4, all.length);
    assertArrayEquals(target, body);
  }

  @Test
  void otherMethodsAreRefused() throws Exception {
    running = Running.start("serve", repo.toString(), "--plain-http");
    URI base = URI.create(running.awaitLine("url").get("url"));
    String response = raw(base, "DELETE /targets/pkgs/a.whl");
    assertTrue(response.startsWith("HTTP/1.1 405 "), response);
    assertTrue(Files.exists(repo.resolve("targets/pkgs/a.whl")));
  }

  @Test
  void aFolderWithoutRootWarnsThatThereIsNothingToPin() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    running = Running.start("serve", empty.toString(), "--plain-http");
    running.awaitLine("targets url");
    running.awaitStderr("warning: no root.json or N.root.json");
  }

  // ---- helpers ----

  /** One request on a fresh connection, exactly as written; the whole response as ISO-8859-1 text. */
  private static String raw(URI base, String requestLine) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout((int) DEADLINE.toMillis());
      OutputStream out = s.getOutputStream();
      out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Trusts exactly the server certificate whose DER SHA-256 is {@code sha256}. */
  private static SSLContext pinning(String sha256) throws Exception {
    X509TrustManager pin = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws java.security.cert.CertificateException {
        if (!ServeTls.sha256(chain[0]).equals(sha256)) {
          throw new java.security.cert.CertificateException("not the pinned certificate");
        }
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(null, new TrustManager[] {pin}, null);
    return c;
  }

  private static byte[] bytes(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  /** {@code tuf4j serve} running on its own thread; stopped by interrupting it. */
  private static final class Running {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread thread;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private Running(String... args) {
      CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), null, Clock.systemUTC());
      thread = new Thread(() -> exit.complete(Cli.run(args, context)), "serve-under-test");
    }

    static Running start(String... args) {
      Running r = new Running(args);
      r.thread.start();
      return r;
    }

    /** The printed {@code key: value} lines, once a line with {@code key} is there. */
    Map<String, String> awaitLine(String key) throws InterruptedException {
      long end = System.nanoTime() + DEADLINE.toNanos();
      while (System.nanoTime() < end) {
        Map<String, String> lines = parse(out.toString(StandardCharsets.UTF_8));
        if (lines.containsKey(key)) {
          return lines;
        }
        if (exit.isDone()) {
          fail("serve ended with " + exit.join() + ": " + err.toString(StandardCharsets.UTF_8));
        }
        TimeUnit.MILLISECONDS.sleep(10); // polling the output for a condition, with a deadline
      }
      throw new AssertionError("no '" + key + ":' line within " + DEADLINE + "; got: " + out);
    }

    void awaitStderr(String prefix) throws InterruptedException {
      long end = System.nanoTime() + DEADLINE.toNanos();
      while (!err.toString(StandardCharsets.UTF_8).startsWith(prefix)) {
        if (System.nanoTime() > end) {
          fail("no stderr line starting with '" + prefix + "'; got: " + err);
        }
        TimeUnit.MILLISECONDS.sleep(10);
      }
    }

    private static Map<String, String> parse(String text) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        int colon = line.indexOf(": ");
        if (colon > 0) {
          out.put(line.substring(0, colon), line.substring(colon + 2).trim());
        }
      }
      return out;
    }

    void stop() throws Exception {
      thread.interrupt();
      assertEquals(0, exit.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
    }
  }
}
