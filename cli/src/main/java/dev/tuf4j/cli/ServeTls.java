package dev.tuf4j.cli;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
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
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TLS for {@code serve} and {@code demo}: a fresh certificate authority that issues a server
 * certificate for the loopback names, or a server identity read from a PEM certificate chain and
 * key. Bouncy Castle only builds and parses certificates; every key and signature operation uses
 * the JDK's own providers (nothing is registered globally).
 */
final class ServeTls {
  /** Long enough for a demo or a day of testing; a fresh CA is made for every run anyway. */
  private static final Duration VALIDITY = Duration.ofDays(7);

  private ServeTls() {}

  /** A certificate authority that exists only in this process's memory. */
  static final class FreshCa {
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final SecureRandom random;
    private long nextSerial = 2;

    private FreshCa(SecureRandom random) throws GeneralSecurityException {
      this.random = random;
      this.keys = ecKeyPair(random);
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=tuf4j serve CA " + Long.toHexString(random.nextLong()));
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
      try {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } catch (IOException e) {
        throw new GeneralSecurityException("cannot encode a certificate extension", e);
      }
      this.certificate = sign(b);
    }

    X509Certificate certificate() {
      return certificate;
    }

    /** A server identity for {@code hosts} (IP literals become IP names, the rest DNS names). */
    synchronized ServerIdentity issue(List<String> hosts) throws GeneralSecurityException {
      KeyPair server = ecKeyPair(random);
      List<GeneralName> names = new ArrayList<>();
      for (String host : hosts) {
        names.add(isIpLiteral(host)
            ? new GeneralName(GeneralName.iPAddress, new DEROctetString(ipBytes(host)))
            : new GeneralName(GeneralName.dNSName, host));
      }
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, BigInteger.valueOf(nextSerial++),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
          new X500Name("CN=" + hosts.get(0)), server.getPublic());
      try {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
            .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
            .addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(new GeneralName[0])));
      } catch (IOException e) {
        throw new GeneralSecurityException("cannot encode a certificate extension", e);
      }
      return ServerIdentity.of(server.getPrivate(), List.of(sign(b), certificate));
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws GeneralSecurityException {
      try {
        return new JcaX509CertificateConverter().getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random).build(keys.getPrivate())));
      } catch (OperatorCreationException e) {
        throw new GeneralSecurityException("cannot sign a certificate", e);
      }
    }
  }

  /** A server's key and certificate chain (leaf first), ready to serve TLS. */
  record ServerIdentity(SSLContext context, List<X509Certificate> chain, PrivateKey key) {
    X509Certificate certificate() {
      return chain.get(0);
    }


    static ServerIdentity of(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
      // The key store lives only in memory; its password protects nothing, but the API needs one.
      char[] password = "in-memory".toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      try {
        store.load(null, null);
      } catch (IOException e) {
        throw new GeneralSecurityException(e);
      }
      store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return new ServerIdentity(context, List.copyOf(chain), key);
    }
  }

  static FreshCa freshCa(SecureRandom random) throws GeneralSecurityException {
    return new FreshCa(random);
  }

  /** A client context that trusts {@code ca} and nothing else. */
  static SSLContext trusting(X509Certificate ca) throws GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try {
      trust.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /**
   * A server identity from PEM files: {@code certFile} holds the chain, leaf first; {@code
   * keyFile} the unencrypted private key (PKCS#8 {@code PRIVATE KEY}, or OpenSSL's {@code EC} or
   * {@code RSA PRIVATE KEY}).
   */
  static ServerIdentity fromPem(Path certFile, Path keyFile) throws UserError {
    List<X509Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(certFile)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        chain.add((X509Certificate) c);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new UserError(certFile + ": not a PEM certificate chain: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new UserError(certFile + ": holds no certificate");
    }
    PrivateKey key;
    try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
      Object o = pem.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PrivateKeyInfo info) {
        key = converter.getPrivateKey(info);
      } else if (o instanceof PEMKeyPair pair) {
        key = converter.getKeyPair(pair).getPrivate();
      } else {
        throw new UserError(keyFile + ": expected an unencrypted PEM private key, got "
            + (o == null ? "nothing" : "a " + o.getClass().getSimpleName()));
      }
    } catch (IOException e) {
      throw new UserError(keyFile + ": cannot read the private key: " + e.getMessage(), e);
    }
    try {
      return ServerIdentity.of(key, chain);
    } catch (GeneralSecurityException e) {
      throw new UserError("cannot use " + certFile + " with " + keyFile + ": " + e.getMessage(), e);
    }
  }

  /** Hex SHA-256 of the certificate's DER encoding, as browsers and {@code openssl x509 -fingerprint} show it. */
  static String sha256(X509Certificate certificate) {
    try {
      return Hex.encode(Digester.digest(HashAlgorithm.SHA256, certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a parsed certificate has no encoding", e);
    }
  }

  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a parsed certificate has no encoding", e);
    }
  }

  /** An unencrypted PKCS#8 PEM of a private key (for tests and for handing a pair to other tools). */
  static String pem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static KeyPair ecKeyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  static boolean isIpLiteral(String host) {
    return host.chars().allMatch(c -> Character.isDigit(c) || c == '.') || host.contains(":");
  }

  private static byte[] ipBytes(String literal) throws GeneralSecurityException {
    try {
      // A literal is parsed, never looked up.
      return InetAddress.getByName(literal).getAddress();
    } catch (IOException e) {
      throw new GeneralSecurityException("not an IP address: " + literal, e);
    }
  }
}
