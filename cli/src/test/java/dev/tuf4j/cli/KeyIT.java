package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.StrictJsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tuf4j key generate} and {@code key show} as a separate process. */
class KeyIT {
  @TempDir Path tmp;
  private final CliProcess cli = new CliProcess().env("TUF4J_TEST_PASSPHRASE", "correct horse");

  /** One Ed25519 key for the tests that only read it (each key costs a 600,000-round PBKDF2). */
  @TempDir static Path shared;
  private static Path sharedKey;

  @BeforeAll
  static void generateSharedKey() {
    sharedKey = shared.resolve("shared");
    new CliProcess().env("PW", "correct horse")
        .run("key", "generate", "--out", sharedKey.toString(), "--passphrase-env", "PW").assertSuccess();
  }

  private static JsonObject json(String text) throws Exception {
    return (JsonObject) StrictJsonParser.withDefaults().parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private CliProcess.Result generate(String type, Path out) {
    return cli.run("key", "generate", "--type", type, "--out", out.toString(), "--passphrase-env", "TUF4J_TEST_PASSPHRASE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ecdsa-p256", "ecdsa-p384", "rsa"})
  void aGeneratedKeyShowsTheSamePublicKeyFromEitherFile(String type) throws Exception {
    Path key = tmp.resolve("keys").resolve(type);
    Files.createDirectories(key.getParent());
    CliProcess.Result generated = generate(type, key).assertSuccess();
    String keyid = generated.stdout().strip();
    assertTrue(keyid.matches("[0-9a-f]{64}"), generated.stdout());
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
    assertTrue(Files.readString(key).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

    JsonObject publicFile = json(Files.readString(key.resolveSibling(type + ".pub.json")));
    assertEquals(keyid, ((JsonString) publicFile.get("keyid")).value());

    Path passphraseFile = Files.writeString(tmp.resolve("pw"), "correct horse\n");
    CliProcess.Result fromPrivate = cli.run("key", "show", key.toString(), "--passphrase-file", passphraseFile.toString())
        .assertSuccess();
    assertEquals(publicFile, json(fromPrivate.stdout()));
  }

  @Test
  void showReadsAPublicKeyFileWithoutAPassphrase() throws Exception {
    Path publicFile = shared.resolve("shared.pub.json");
    CliProcess.Result r = new CliProcess().run("key", "show", publicFile.toString()).assertSuccess();
    assertEquals(json(Files.readString(publicFile)), json(r.stdout()));
    assertEquals("ed25519", ((JsonString) json(r.stdout()).get("scheme")).value());
  }

  @Test
  void aWrongPassphraseFailsWithOneClearLine() {
    CliProcess.Result r = new CliProcess().env("PW", "wrong")
        .run("key", "show", sharedKey.toString(), "--passphrase-env", "PW").assertFailure();
    assertEquals("error: " + sharedKey + ": wrong passphrase or damaged key file", r.stderr().strip());
    assertEquals("", r.stdout());
  }

  @Test
  void aPublicKeyFileThatIsNotJsonFailsWithOneLine() throws Exception {
    Path bogus = Files.writeString(tmp.resolve("bogus.pub.json"), "{\"keytype\": 1}");
    CliProcess.Result r = cli.run("key", "show", bogus.toString()).assertFailure();
    assertTrue(r.stderr().contains("not a public key file"), r.stderr());
  }

  @Test
  void anExistingKeyFileIsNeverReplaced() throws Exception {
    Path key = Files.writeString(tmp.resolve("k"), "precious");
    CliProcess.Result r = generate("ed25519", key).assertFailure();
    assertTrue(r.stderr().contains("exists already"), r.stderr());
    assertEquals("precious", Files.readString(key));
    assertFalse(Files.exists(tmp.resolve("k.pub.json")));
  }

  @Test
  void anExistingPublicKeyFileStopsTheGenerationBeforeAnythingIsWritten() throws Exception {
    Files.writeString(tmp.resolve("k.pub.json"), "precious");
    generate("ed25519", tmp.resolve("k")).assertFailure();
    assertFalse(Files.exists(tmp.resolve("k")));
    assertEquals("precious", Files.readString(tmp.resolve("k.pub.json")));
  }

  @Test
  void anUnwritableOutputFolderFailsWithOneLineAndWritesNothing() throws Exception {
    Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
    generate("ed25519", notAFolder.resolve("k")).assertFailure();
    assertEquals(Map.of("file", "x"), ClientFolders.files(tmp));
  }

  @Test
  void withoutAPassphraseSourceOrTerminalNothingIsGenerated() {
    CliProcess.Result r = cli.run("key", "generate", "--out", tmp.resolve("k").toString()).assertFailure();
    assertTrue(r.stderr().contains("--passphrase-env"), r.stderr());
    assertEquals(Map.of(), ClientFolders.files(tmp));
  }
}
