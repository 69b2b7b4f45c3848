package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.TargetFile;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client process for {@link SharedCacheIT}: {@code THREADS} threads, each with its own long-lived
 * {@link Updater} on the shared folders, each doing {@code ROUNDS} rounds of refresh, then find and
 * download (or reuse) every target, as {@code tuf4j client download} does.
 *
 * <p>Arguments: {@code MD TD MURL TURL ROUNDS THREADS TARGET...}. Prints one line {@code failure
 * CLASS MESSAGE} per failed round and finally {@code rounds OK FAILED}; exits 0 unless something
 * other than a {@link TufException} went wrong.
 */
public final class SharedCacheDriver {
  private SharedCacheDriver() {}

  public static void main(String[] args) throws Exception {
    Path md = Path.of(args[0]);
    Path td = Path.of(args[1]);
    URI murl = URI.create(args[2]);
    URI turl = URI.create(args[3]);
    int rounds = Integer.parseInt(args[4]);
    int threads = Integer.parseInt(args[5]);
    List<String> targets = List.of(args).subList(6, args.length);
    PrintStream out = System.out;
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Throwable> crashes = new ArrayList<>();
    try (HttpFetcher fetcher = HttpFetcher.create()) {
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread worker = new Thread(() -> {
          Updater updater = Updater.builder().metadataBaseUrl(murl).targetBaseUrl(turl)
              .metadataDir(md).targetDir(td).fetcher(fetcher).build();
          for (int r = 0; r < rounds; r++) {
            try {
              updater.refresh();
              for (String name : targets) {
                TargetFile info = updater.targetInfo(name).orElseThrow(
                    () -> new IllegalStateException("no trusted metadata lists " + name));
                if (updater.findCachedTarget(info).isEmpty()) {
                  updater.download(info);
                }
              }
              ok.incrementAndGet();
            } catch (TufException e) {
              failed.incrementAndGet();
              synchronized (out) {
                out.println("failure " + e.getClass().getName() + " " + OneLine.of(String.valueOf(e.getMessage())));
              }
            } catch (RuntimeException e) {
              synchronized (crashes) {
                crashes.add(e);
              }
              return;
            }
          }
        }, "client-" + t);
        workers.add(worker);
        worker.start();
      }
      for (Thread w : workers) {
        w.join();
      }
    }
    out.println("rounds " + ok.get() + " " + failed.get());
    out.flush();
    if (!crashes.isEmpty()) {
      crashes.get(0).printStackTrace();
      System.exit(2);
    }
  }
}
