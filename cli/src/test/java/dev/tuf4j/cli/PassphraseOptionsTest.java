package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PassphraseOptionsTest {
  @TempDir Path tmp;

  @Command(name = "holder")
  static final class Holder {
    @Mixin PassphraseOptions passphrase;
  }

  /** A terminal that answers prompts from a script and records them. */
  static final class ScriptedTerminal implements Terminal {
    final Deque<String> answers;
    final List<String> prompts = new ArrayList<>();

    ScriptedTerminal(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public char[] readPassword(String prompt) {
      prompts.add(prompt);
      String a = answers.poll();
      return a == null ? null : a.toCharArray();
    }

    @Override
    public void progress(String line) {}

    @Override
    public void endProgress() {}
  }

  private static PassphraseOptions parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.passphrase;
  }

  private static CliContext context(Map<String, String> env, Terminal terminal) {
    PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream());
    return new CliContext(sink, sink, env, terminal, Clock.systemUTC());
  }

  @Test
  void theEnvironmentVariableIsTheWholePassphrase() throws Exception {
    char[] p = parse("--passphrase-env", "PW").forNewKey(context(Map.of("PW", " two words\t"), null));
    assertArrayEquals(" two words\t".toCharArray(), p);
  }

  @Test
  void anUnsetEnvironmentVariableIsAnError() {
    UserError e = assertThrows(UserError.class,
        () -> parse("--passphrase-env", "PW").forExistingKey(context(Map.of(), null), tmp));
    assertTrue(e.getMessage().contains("PW is not set"), e.getMessage());
  }

  @Test
  void aFileGivesItsFirstLineWithoutTheLineEnding() throws Exception {
    Path f = Files.write(tmp.resolve("pw"), "sécret\r\nsecond line\n".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("sécret".toCharArray(), parse("--passphrase-file", f.toString()).forNewKey(context(Map.of(), null)));
  }

  @Test
  void aFileWithoutANewlineIsTheWholePassphrase() throws Exception {
    Path f = Files.write(tmp.resolve("pw"), "abc".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("abc".toCharArray(), parse("--passphrase-file", f.toString()).forExistingKey(context(Map.of(), null), f));
  }

  @Test
  void aFileThatIsNotUtf8IsAnError() throws Exception {
    Path f = Files.write(tmp.resolve("pw"), new byte[] {(byte) 0xff, 'a'});
    assertThrows(UserError.class, () -> parse("--passphrase-file", f.toString()).forNewKey(context(Map.of(), null)));
  }

  @Test
  void aMissingFileIsAnError() {
    assertThrows(UserError.class,
        () -> parse("--passphrase-file", tmp.resolve("none").toString()).forNewKey(context(Map.of(), null)));
  }

  @Test
  void bothSourcesAtOnceAreAnError() throws Exception {
    Path f = Files.write(tmp.resolve("pw"), "abc".getBytes(StandardCharsets.UTF_8));
    assertThrows(UserError.class, () -> parse("--passphrase-env", "PW", "--passphrase-file", f.toString())
        .forNewKey(context(Map.of("PW", "x"), null)));
  }

  @Test
  void anEmptyPassphraseIsRefusedForANewKey() throws Exception {
    Path f = Files.write(tmp.resolve("pw"), "\nmore".getBytes(StandardCharsets.UTF_8));
    UserError e = assertThrows(UserError.class, () -> parse("--passphrase-file", f.toString()).forNewKey(context(Map.of(), null)));
    assertTrue(e.getMessage().contains("empty passphrase"), e.getMessage());
  }

  @Test
  void withoutOptionsOrTerminalThereIsNoPassphrase() {
    UserError e = assertThrows(UserError.class, () -> parse().forNewKey(context(Map.of(), null)));
    assertTrue(e.getMessage().contains("--passphrase-env"), e.getMessage());
  }

  @Test
  void theTerminalIsAskedTwiceForANewKey() throws Exception {
    ScriptedTerminal terminal = new ScriptedTerminal("pw1", "pw1");
    assertArrayEquals("pw1".toCharArray(), parse().forNewKey(context(Map.of(), terminal)));
    assertEquals(2, terminal.prompts.size());
  }

  @Test
  void twoDifferentAnswersOnTheTerminalAreAnError() {
    ScriptedTerminal terminal = new ScriptedTerminal("pw1", "pw2");
    UserError e = assertThrows(UserError.class, () -> parse().forNewKey(context(Map.of(), terminal)));
    assertTrue(e.getMessage().contains("differ"), e.getMessage());
  }

  @Test
  void theTerminalIsAskedOnceForAnExistingKey() throws Exception {
    ScriptedTerminal terminal = new ScriptedTerminal("pw1");
    assertArrayEquals("pw1".toCharArray(), parse().forExistingKey(context(Map.of(), terminal), tmp.resolve("k")));
    assertEquals(1, terminal.prompts.size());
    assertTrue(terminal.prompts.get(0).contains("k"), terminal.prompts.get(0));
  }

  @Test
  void theEndOfTerminalInputIsAnError() {
    assertThrows(UserError.class, () -> parse().forExistingKey(context(Map.of(), new ScriptedTerminal()), tmp));
  }
}
