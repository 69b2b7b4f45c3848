package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.NetworkException;
import dev.tuf4j.client.Fetcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressFetcherTest {
  private static final URI URI_ = URI.create("http://127.0.0.1/t");
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** A terminal that records what was drawn. */
  static final class RecordingTerminal implements Terminal {
    final List<String> lines = new ArrayList<>();
    int ends;

    @Override
    public char[] readPassword(String prompt) {
      throw new AssertionError("no prompt expected");
    }

    @Override
    public void progress(String line) {
      lines.add(line);
    }

    @Override
    public void endProgress() {
      ends++;
    }
  }

  private long now;

  /** A fetcher sending {@code chunks} chunks of 1 KiB, {@code stepMillis} apart. */
  private Fetcher slowFetcher(int chunks, long stepMillis) {
    return (uri, maxLength, sink) -> {
      for (int i = 0; i < chunks; i++) {
        now += stepMillis * MS;
        try {
          sink.write(new byte[1024], 0, 1024);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  @Test
  void aDownloadDoneWithinASecondDrawsNothing() throws Exception {
    RecordingTerminal terminal = new RecordingTerminal();
    ProgressFetcher f = new ProgressFetcher(slowFetcher(9, 100), terminal, () -> now);
    f.expect("a.whl", 9 * 1024);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    f.fetch(URI_, 9 * 1024, sink);
    f.done();
    assertEquals(List.of(), terminal.lines);
    assertEquals(0, terminal.ends);
    assertEquals(9 * 1024, sink.size());
  }

  @Test
  void aLongDownloadDrawsAtMostFourLinesASecondAndEndsTheLine() throws Exception {
    RecordingTerminal terminal = new RecordingTerminal();
    ProgressFetcher f = new ProgressFetcher(slowFetcher(30, 100), terminal, () -> now);
    f.expect("a.whl", 30 * 1024);
    f.fetch(URI_, 30 * 1024, new ByteArrayOutputStream());
    f.done();
    // Chunks arrive at 0.1 s .. 3.0 s; drawing starts at 1.0 s, then every 0.3 s (the first
    // chunk at least 250 ms after the last line), then once more at the end.
    assertEquals(List.of(
        "a.whl: 10.0 KiB of 30.0 KiB (33%)",
        "a.whl: 13.0 KiB of 30.0 KiB (43%)",
        "a.whl: 16.0 KiB of 30.0 KiB (53%)",
        "a.whl: 19.0 KiB of 30.0 KiB (63%)",
        "a.whl: 22.0 KiB of 30.0 KiB (73%)",
        "a.whl: 25.0 KiB of 30.0 KiB (83%)",
        "a.whl: 28.0 KiB of 30.0 KiB (93%)",
        "a.whl: 30.0 KiB of 30.0 KiB (100%)"), terminal.lines);
    assertEquals(1, terminal.ends);
  }

  @Test
  void metadataFetchesPassStraightThrough() throws Exception {
    RecordingTerminal terminal = new RecordingTerminal();
    ProgressFetcher f = new ProgressFetcher(slowFetcher(30, 100), terminal, () -> now);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    f.fetch(URI_, 30 * 1024, sink);
    assertEquals(List.of(), terminal.lines);
    assertEquals(30 * 1024, sink.size());
  }

  @Test
  void aFailedDownloadStillEndsTheProgressLine() {
    RecordingTerminal terminal = new RecordingTerminal();
    Fetcher failing = (uri, maxLength, sink) -> {
      slowFetcher(20, 100).fetch(uri, maxLength, sink);
      throw new NetworkException(uri, "connection reset");
    };
    ProgressFetcher f = new ProgressFetcher(failing, terminal, () -> now);
    f.expect("a.whl", 40 * 1024);
    assertThrows(NetworkException.class, () -> f.fetch(URI_, 40 * 1024, new ByteArrayOutputStream()));
    assertEquals(1, terminal.ends);
  }

  @Test
  void bytesReachTheSinkUnchanged() throws Exception {
    byte[] body = new byte[5000];
    new java.util.Random(7).nextBytes(body);
    Fetcher fetcher = (uri, maxLength, sink) -> {
      try {
        sink.write(body[0]);
        sink.write(body, 1, body.length - 1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    ProgressFetcher f = new ProgressFetcher(fetcher, new RecordingTerminal(), () -> now);
    f.expect("x", body.length);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    f.fetch(URI_, body.length, sink);
    assertArrayEquals(body, sink.toByteArray());
  }

  @Test
  void sizesAreShownInBinaryUnits() {
    assertEquals("0 B", ProgressFetcher.size(0));
    assertEquals("1023 B", ProgressFetcher.size(1023));
    assertEquals("1.0 KiB", ProgressFetcher.size(1024));
    assertEquals("1.5 MiB", ProgressFetcher.size(3 * 512 * 1024));
    assertEquals("2.0 GiB", ProgressFetcher.size(2L << 30));
    assertEquals("x: 0 B of 0 B (100%)", ProgressFetcher.line("x", 0, 0));
  }
}
