package dev.tuf4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for TLS tests: a CA certificate and server certificates it
 * signs, with ready-made {@link SSLContext}s for a test server and for a client that trusts only
 * this CA.
 *
 * <p>Keys are ECDSA P-256 generated from a PRNG seeded with the CA's name, so a given name always
 * gives the same keys. Certificates are valid from an hour ago for a day. Bouncy Castle builds the
 * certificates; every cryptographic operation uses the JDK's own providers (no provider is
 * installed globally).
 *
 * <pre>{@code
 * TestCa ca = TestCa.create();
 * try (TestServer server = TestServer.https(ca.serverSslContext())) {
 *   HttpFetcher fetcher = HttpFetcher.builder().sslContext(ca.clientSslContext()).build();
 *   ...
 * }
 * }</pre>
 *
 * Thread-safe once created.
 */
public final class TestCa {
  private static final char[] KEY_STORE_PASSWORD = "test".toCharArray();

  private final String name;
  private final SecureRandom random;
  private final KeyPair caKeys;
  private final X509Certificate caCertificate;
  private long nextSerial = 2;

  private TestCa(String name) {
    this.name = name;
    this.random = seededRandom(name);
    this.caKeys = newKeyPair();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=" + name);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  BigInteger.ONE,
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(Duration.ofDays(1))),
                  subject,
                  caKeys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      this.caCertificate = sign(builder);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The default test CA ("tuf4j test CA"). */
  public static TestCa create() {
    return create("tuf4j test CA");
  }

  /** A CA with its own name and so its own keys: use two to test an untrusted CA. */
  public static TestCa create(String name) {
    return new TestCa(name);
  }

  /** The CA's self-signed certificate. */
  public X509Certificate certificate() {
    return caCertificate;
  }

  /** The CA certificate as PEM text, the form of a CA bundle file. */
  public String certificatePem() {
    return toPem(caCertificate);
  }

  /** Writes {@link #certificatePem()} to {@code file} and returns it. */
  public Path writeCertificatePem(Path file) {
    try {
      return Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client context that trusts this CA and nothing else (not the system trust store). */
  public SSLContext clientSslContext() {
    return clientSslContext("TLS");
  }

  /**
   * The same, offering only the protocol versions the JDK's {@code SSLContext} of that name
   * enables for clients ("TLSv1.2": TLS 1.2 and nothing newer).
   */
  public SSLContext clientSslContext(String protocol) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", caCertificate);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance(protocol);
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server context whose certificate, signed by this CA, names 127.0.0.1 and localhost. */
  public SSLContext serverSslContext() {
    return serverSslContext("127.0.0.1", "localhost");
  }

  /**
   * A server context whose certificate, signed by this CA, names exactly {@code hosts} (IP literals
   * become IP subject alternative names, the rest DNS names). Naming some other host tests host
   * name checking.
   */
  public synchronized SSLContext serverSslContext(String... hosts) {
    try {
      KeyPair serverKeys = newKeyPair();
      List<GeneralName> names = new ArrayList<>();
      for (String host : hosts) {
        boolean ip = host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':');
        names.add(
            ip
                ? new GeneralName(
                    GeneralName.iPAddress,
                    new DEROctetString(InetAddress.getByName(host).getAddress()))
                : new GeneralName(GeneralName.dNSName, host));
      }
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  caCertificate,
                  BigInteger.valueOf(nextSerial++),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(Duration.ofDays(1))),
                  new X500Name("CN=" + hosts[0]),
                  serverKeys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(names.toArray(new GeneralName[0])))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(caCertificate));
      X509Certificate serverCertificate = sign(builder);

      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "server",
          serverKeys.getPrivate(),
          KEY_STORE_PASSWORD,
          new X509Certificate[] {serverCertificate, caCertificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, KEY_STORE_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "TestCa[" + name + "]";
  }

  private X509Certificate sign(X509v3CertificateBuilder builder) throws GeneralSecurityException {
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder("SHA256withECDSA")
              .setSecureRandom(random)
              .build(caKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SecureRandom seededRandom(String seed) {
    try {
      // SHA1PRNG seeded before first use is deterministic: same name, same keys.
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
      return random;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String toPem(X509Certificate certificate) {
    try {
      String base64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
