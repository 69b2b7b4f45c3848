package dev.tuf4j.bench;

import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One signature check, Bouncy Castle (tuf4j's {@link PublicKey#verify}) against the JDK's own
 * providers ({@code Signature.getInstance("Ed25519")} and {@code "SHA256withECDSA"}, SunEC), for
 * the same key, message and signature. Two message sizes: a small signed object (a timestamp is
 * about 400 bytes) and 1 MiB, where hashing the message (SHA-512 inside Ed25519, SHA-256 for
 * ECDSA) dominates.
 *
 * <p>The JDK side reuses one {@link Signature} object per thread (its best case); tuf4j builds
 * its Bouncy Castle verifier per call, as it does in production.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SignatureBenchmark {
  @Param({"256", "1048576"})
  public int messageBytes;

  /** X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410): OID 1.3.101.112. */
  private static final byte[] ED25519_SPKI_PREFIX =
      Hex.decode("302a300506032b6570032100").orElseThrow();

  private byte[] message;
  private PublicKey ed25519;
  private byte[] ed25519Signature;
  private java.security.PublicKey ed25519Jdk;
  private Signature ed25519JdkVerifier;
  private PublicKey ecdsa;
  private byte[] ecdsaSignature;
  private java.security.PublicKey ecdsaJdk;
  private Signature ecdsaJdkVerifier;

  @Setup
  public void setUp() throws GeneralSecurityException {
    SeededRandom random = new SeededRandom(Seeds.SIGNATURES);
    message = new byte[messageBytes];
    random.nextBytes(message);

    SigningKey ed = SigningKey.generate(KeyType.ED25519, random);
    ed25519 = ed.publicKey();
    ed25519Signature = ed.sign(message);
    byte[] raw = Hex.decode(ed25519.publicValue()).orElseThrow();
    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
    ed25519Jdk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    ed25519JdkVerifier = Signature.getInstance("Ed25519");

    SigningKey ec = SigningKey.generate(KeyType.ECDSA_P256, random);
    ecdsa = ec.publicKey();
    ecdsaSignature = ec.sign(message); // DER, as the JDK expects
    ecdsaJdk = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pemBody(ecdsa.publicValue())));
    ecdsaJdkVerifier = Signature.getInstance("SHA256withECDSA");

    // Every variant must accept its signature before it is timed.
    CpuTime untimed = new CpuTime();
    if (!ed25519BouncyCastle(untimed)
        || !ed25519Jdk(untimed)
        || !ecdsaP256BouncyCastle(untimed)
        || !ecdsaP256Jdk(untimed)) {
      throw new IllegalStateException("a verifier rejects a valid signature");
    }
  }

  private static byte[] pemBody(String pem) {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }

  @Benchmark
  public boolean ed25519BouncyCastle(CpuTime cpu) {
    long start = CpuTime.start();
    boolean result = ed25519.verify(message, ed25519Signature);
    cpu.stop(start);
    return result;
  }

  @Benchmark
  public boolean ed25519Jdk(CpuTime cpu) throws GeneralSecurityException {
    long start = CpuTime.start();
    ed25519JdkVerifier.initVerify(ed25519Jdk);
    ed25519JdkVerifier.update(message);
    boolean result = ed25519JdkVerifier.verify(ed25519Signature);
    cpu.stop(start);
    return result;
  }

  @Benchmark
  public boolean ecdsaP256BouncyCastle(CpuTime cpu) {
    long start = CpuTime.start();
    boolean result = ecdsa.verify(message, ecdsaSignature);
    cpu.stop(start);
    return result;
  }

  @Benchmark
  public boolean ecdsaP256Jdk(CpuTime cpu) throws GeneralSecurityException {
    long start = CpuTime.start();
    ecdsaJdkVerifier.initVerify(ecdsaJdk);
    ecdsaJdkVerifier.update(message);
    boolean result = ecdsaJdkVerifier.verify(ecdsaSignature);
    cpu.stop(start);
    return result;
  }
}
