package dev.tuf4j.client.internal.http;

import dev.tuf4j.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds TLS contexts that trust extra certificate authorities. Uses only the JDK's providers. */
public final class TrustStores {
  private TrustStores() {}

  /**
   * Reads every X.509 certificate in a PEM bundle (text outside the {@code BEGIN}/{@code END}
   * blocks, such as the comments in the usual CA bundles, is ignored).
   *
   * @throws StorageException the file cannot be read or holds no certificate
   */
  public static List<X509Certificate> readPemBundle(Path pemBundle) throws StorageException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(pemBundle);
    } catch (IOException e) {
      throw new StorageException(pemBundle, "cannot read the CA bundle", e);
    }
    Collection<? extends Certificate> parsed;
    try {
      parsed =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes));
    } catch (CertificateException e) {
      throw new StorageException(pemBundle, "not a PEM certificate bundle: " + e.getMessage(), e);
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate c : parsed) {
      if (c instanceof X509Certificate) {
        certificates.add((X509Certificate) c);
      }
    }
    if (certificates.isEmpty()) {
      throw new StorageException(pemBundle, "the CA bundle holds no certificate");
    }
    return List.copyOf(certificates);
  }

  /**
   * A TLS context that trusts {@code extraAuthorities} and, if {@code keepSystemTrust}, also every
   * authority the JDK trusts by default. Host names are still checked (by the HTTP client).
   */
  public static SSLContext contextTrusting(
      List<X509Certificate> extraAuthorities, boolean keepSystemTrust) {
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int i = 0;
      if (keepSystemTrust) {
        for (X509Certificate ca : systemAuthorities()) {
          anchors.setCertificateEntry("system-" + i++, ca);
        }
      }
      for (X509Certificate ca : extraAuthorities) {
        anchors.setCertificateEntry("extra-" + i++, ca);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      // Only a JDK without the standard TLS and key store algorithms gets here.
      throw new IllegalStateException("cannot build a TLS context", e);
    }
  }

  private static List<X509Certificate> systemAuthorities() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    List<X509Certificate> result = new ArrayList<>();
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager) {
        result.addAll(List.of(((X509TrustManager) tm).getAcceptedIssuers()));
      }
    }
    return result;
  }
}
