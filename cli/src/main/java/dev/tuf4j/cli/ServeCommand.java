package dev.tuf4j.cli;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tuf4j serve DIR}: serves a repository folder ({@code DIR/metadata/}, {@code
 * DIR/targets/}, as {@link dev.tuf4j.repository.FileSystemStorage} lays it out) as static files
 * until the process is stopped, and prints what a client needs to trust it: the URLs, the TLS
 * certificate's SHA-256 and the SHA-256 of the newest root to pin.
 */
@Command(name = "serve",
    description = {
      "Serve a repository folder over HTTPS (HTTP only with --plain-http).",
      "Runs until stopped. DIR holds metadata/ and targets/. GET and HEAD of files",
      "only: no listings, nothing outside DIR. Prints the URLs, the TLS certificate's",
      "SHA-256 and the SHA-256 of the newest root (metadata/N.root.json or",
      "root.json) to pin."
    },
    footer = {
      "",
      "Examples:",
      "  tuf4j serve repo --tls-self-signed --port 8443",
      "  tuf4j serve repo --cert server.pem --key server.key \\",
      "      --address 0.0.0.0 --port 443",
      "  tuf4j serve repo --plain-http     # a local mirror or a test: no TLS"
    })
final class ServeCommand implements Callable<Integer> {
  private static final Pattern VERSIONED_ROOT = Pattern.compile("([1-9][0-9]{0,18})\\.root\\.json");

  @ParentCommand private TopCommand top;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Option(names = "--port", paramLabel = "P", defaultValue = "0",
      description = "TCP port (default 0: any free port; the URL printed says which).")
  private int port;

  @Option(names = "--address", paramLabel = "IP", defaultValue = "127.0.0.1",
      description = "Address to listen on (default 127.0.0.1).")
  private String address;

  @Option(names = "--tls-self-signed",
      description = "HTTPS with a fresh CA made for this run; its certificate is written to a file to use as --ca-file.")
  private boolean selfSigned;

  @Option(names = "--cert", paramLabel = "PEM", description = "HTTPS with this certificate chain (leaf first); needs --key.")
  private @Nullable Path certFile;

  @Option(names = "--key", paramLabel = "PEM", description = "The unencrypted private key of --cert.")
  private @Nullable Path keyFile;

  @Option(names = "--plain-http", description = "Plain HTTP, no TLS: only for a mirror or a test on a trusted network.")
  private boolean plainHttp;

  /**
   * Never counted down: a real run serves until the process is killed; an in-process run (a
   * test) ends when its thread is interrupted.
   */
  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws UserError, IOException, GeneralSecurityException {
    CliContext ctx = top.context;
    int modes = (selfSigned ? 1 : 0) + (certFile != null || keyFile != null ? 1 : 0) + (plainHttp ? 1 : 0);
    if (modes != 1) {
      throw usage("choose one of --tls-self-signed, --cert with --key, or --plain-http");
    }
    if ((certFile == null) != (keyFile == null)) {
      throw usage("--cert and --key go together");
    }
    if (port < 0 || port > 65_535) {
      throw usage("--port must be 0 to 65535, got " + port);
    }
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir + ": not a folder");
    }
    InetAddress ip = parseAddress(address);

    SSLContext tls = null;
    String certificateSha256 = null;
    Path caFile = null;
    if (selfSigned) {
      ServeTls.FreshCa ca = ServeTls.freshCa(new SecureRandom());
      List<String> names = new ArrayList<>(List.of("127.0.0.1", "localhost"));
      if (!names.contains(ip.getHostAddress()) && !ip.isAnyLocalAddress()) {
        names.add(ip.getHostAddress());
      }
      ServeTls.ServerIdentity identity = ca.issue(names);
      tls = identity.context();
      certificateSha256 = ServeTls.sha256(identity.certificate());
      caFile = Files.createTempFile("tuf4j-serve-ca-", ".pem");
      caFile.toFile().deleteOnExit();
      Files.writeString(caFile, ServeTls.pem(ca.certificate()), StandardCharsets.US_ASCII);
    } else if (certFile != null) {
      ServeTls.ServerIdentity identity = ServeTls.fromPem(certFile, keyFile);
      tls = identity.context();
      certificateSha256 = ServeTls.sha256(identity.certificate());
    }

    ServeServer started;
    try {
      started = ServeServer.start(dir, new InetSocketAddress(ip, port), tls);
    } catch (java.net.BindException e) {
      throw new UserError("cannot listen on " + ip.getHostAddress() + " port " + port + ": " + e.getMessage(), e);
    }
    try (ServeServer server = started) {
      PrintStream out = ctx.out();
      URI base = server.baseUrl();
      out.println("url: " + base);
      out.println("metadata url: " + base.resolve("metadata/"));
      out.println("targets url: " + base.resolve("targets/"));
      if (certificateSha256 != null) {
        out.println("tls certificate sha256: " + certificateSha256);
      }
      if (caFile != null) {
        out.println("ca file: " + caFile);
      }
      Optional<Path> root = newestRoot(dir.resolve("metadata"));
      if (root.isPresent()) {
        String sha = Hex.encode(Digester.digest(HashAlgorithm.SHA256, Files.readAllBytes(root.get())));
        URI rootUrl = base.resolve("metadata/" + root.get().getFileName());
        out.println("root: " + rootUrl + " sha256 " + sha);
        if (tls != null) {
          out.println("client: tuf4j client --metadata-url " + base.resolve("metadata/") + " --metadata-dir MD"
              + " --bootstrap-url " + rootUrl + " --root-sha256 " + sha
              + (caFile != null ? " --ca-file " + caFile : "") + " refresh");
        } else {
          // A root is bootstrapped over HTTPS only: over plain HTTP the client starts from the file.
          out.println("client: tuf4j client --metadata-dir MD init " + root.get().toAbsolutePath());
        }
      } else {
        ctx.warn("no root.json or N.root.json in " + dir.resolve("metadata") + ": nothing to pin");
      }
      out.flush();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Cli.OK;
  }

  /** The newest {@code N.root.json} (highest N), else {@code root.json}, if any. */
  static Optional<Path> newestRoot(Path metadataDir) throws IOException {
    if (!Files.isDirectory(metadataDir)) {
      return Optional.empty();
    }
    Path best = null;
    long bestVersion = 0;
    try (Stream<Path> files = Files.list(metadataDir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Matcher m = VERSIONED_ROOT.matcher(f.getFileName().toString());
        if (m.matches() && Files.isRegularFile(f) && Long.parseLong(m.group(1)) > bestVersion) {
          bestVersion = Long.parseLong(m.group(1));
          best = f;
        }
      }
    }
    if (best == null && Files.isRegularFile(metadataDir.resolve("root.json"))) {
      best = metadataDir.resolve("root.json");
    }
    return Optional.ofNullable(best);
  }

  private InetAddress parseAddress(String value) {
    // Only literals: a host name would mean a DNS lookup, and the URL printed must be exact.
    if (!ServeTls.isIpLiteral(value)) {
      throw usage("--address must be an IP address, got \"" + value + "\"");
    }
    try {
      return InetAddress.getByName(value);
    } catch (java.net.UnknownHostException e) {
      throw usage("--address must be an IP address, got \"" + value + "\"");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
