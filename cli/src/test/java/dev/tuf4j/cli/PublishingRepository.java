package dev.tuf4j.cli;

import dev.tuf4j.client.internal.Names;
import dev.tuf4j.client.internal.TargetUrls;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.testing.RepositorySimulator;
import dev.tuf4j.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A repository that keeps publishing, from its own thread, into one or more {@link TestServer}s
 * (one per group of clients, so that a test can watch its own clients' requests): each step
 * changes target files, then publishes new targets metadata, snapshot and timestamp; every
 * {@link #ROOT_EVERY}th step rotates the root key.
 *
 * <p>Files go up in the order a careful repository publishes them, and nothing is ever removed:
 * target files, then delegated and top-level targets metadata, then the snapshot, then new root
 * versions, then {@code timestamp.json}. A single client racing the publisher therefore never sees
 * a file that is not (yet) there: every failure a client reports is one this repository did not
 * cause. Consistent snapshots, so older versions stay fetchable.
 *
 * <p>What was ever published is kept for checks: every root, and every content of every target.
 */
final class PublishingRepository implements AutoCloseable {
  /** Targets whose content changes all the time; clients download these. */
  static final List<String> TARGETS = List.of("pkgs/alpha.bin", "pkgs/beta.bin", "top.bin");
  static final String DELEGATED_ROLE = "pkgs";
  static final int ROOT_EVERY = 25;

  private final RepositorySimulator repo = new RepositorySimulator();
  private final List<TestServer> servers = new ArrayList<>();
  private final Random random;
  private final Duration pause;
  private final List<byte[]> roots = new CopyOnWriteArrayList<>();
  private final Map<String, Set<String>> contents = new ConcurrentHashMap<>();
  private final AtomicInteger steps = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  /**
   * Sets the repository up (every target published once) and starts publishing, a step about
   * every {@code pause}.
   */
  PublishingRepository(int serverCount, long seed, Duration pause) {
    this.random = new Random(seed);
    this.pause = pause;
    for (int i = 0; i < serverCount; i++) {
      servers.add(TestServer.http());
    }
    repo.addDelegation("targets", DelegatedRole.forPaths(DELEGATED_ROLE, List.of(), 1, List.of("pkgs/*")));
    for (String path : TARGETS) {
      newContent(path);
    }
    repo.updateTargets(DELEGATED_ROLE);
    repo.updateTargets("targets");
    publish();
    thread = new Thread(this::run, "publisher");
    thread.setDaemon(true);
    thread.start();
  }

  TestServer server(int i) {
    return servers.get(i);
  }

  String metadataUrl(int i) {
    return servers.get(i).baseUri() + "metadata/";
  }

  String targetsUrl(int i) {
    return servers.get(i).baseUri() + "targets/";
  }

  byte[] initialRoot() {
    return roots.get(0);
  }

  /** Root {@code version} as published, or null if not (yet) published. */
  byte[] root(long version) {
    List<byte[]> snapshot = List.copyOf(roots);
    return version >= 1 && version <= snapshot.size() ? snapshot.get((int) version - 1) : null;
  }

  /** Whether {@code sha256} (hex) is a content ever published for target {@code path}. */
  boolean published(String path, String sha256) {
    return contents.getOrDefault(path, Set.of()).contains(sha256);
  }

  /** Every target path ever published. */
  Set<String> targetPaths() {
    return Set.copyOf(contents.keySet());
  }

  int steps() {
    return steps.get();
  }

  /** Rethrows what stopped the publisher, if anything did. */
  void assertHealthy() {
    if (failure != null) {
      throw new AssertionError("the publisher failed", failure);
    }
  }

  private void run() {
    try {
      while (running) {
        step();
        steps.incrementAndGet();
        LockSupport.parkNanos(pause.toNanos()); // pacing only, nothing to wait for
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  private void step() {
    int n = steps.get() + 1;
    String changed = TARGETS.get(random.nextInt(TARGETS.size()));
    newContent(changed);
    if (n % 10 == 0) {
      newContent("pkgs/new-" + n + ".bin"); // now and then a target that did not exist
    }
    if (changed.startsWith("pkgs/") || n % 10 == 0) {
      repo.updateTargets(DELEGATED_ROLE);
    }
    if (!changed.startsWith("pkgs/") || random.nextInt(4) == 0) {
      repo.updateTargets("targets");
    }
    if (n % ROOT_EVERY == 0) {
      rotateRootKey();
    }
    publish();
  }

  /** A new root version with a new root key, signed by the old and the new key (spec 5.3.4). */
  private void rotateRootKey() {
    List<SigningKey> old = repo.signers.get("root");
    SigningKey next = repo.rotateKey("root");
    List<SigningKey> both = new ArrayList<>(old);
    both.add(next);
    repo.signers.put("root", both);
    repo.bumpRoot();
    repo.signers.put("root", new ArrayList<>(List.of(next)));
  }

  private void newContent(String path) {
    byte[] content = new byte[16 * 1024 + random.nextInt(32 * 1024)];
    random.nextBytes(content);
    String role = path.startsWith("pkgs/") ? DELEGATED_ROLE : "targets";
    repo.addTarget(role, path, content);
    String hash = Hex.encode(Digester.digest(HashAlgorithm.SHA256, content));
    contents.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet()).add(hash);
    for (TestServer s : servers) {
      s.put("/targets/" + TargetUrls.path(path, hash), content);
    }
  }

  /** Metadata in a safe order: what a file names is always up before the file. */
  private void publish() {
    for (String role : List.of(DELEGATED_ROLE, "targets")) {
      long version = repo.targets.get(role).version();
      byte[] bytes = repo.metadataBytes(role);
      putAll("/metadata/" + version + "." + Names.encodeRoleName(role) + ".json", bytes);
    }
    putAll("/metadata/" + repo.snapshot.version() + ".snapshot.json", repo.metadataBytes("snapshot"));
    for (int v = roots.size() + 1; v <= repo.signedRoots.size(); v++) {
      byte[] root = repo.signedRoots.get(v - 1);
      roots.add(root);
      putAll("/metadata/" + v + ".root.json", root);
    }
    putAll("/metadata/timestamp.json", repo.metadataBytes("timestamp"));
  }

  private void putAll(String path, byte[] bytes) {
    for (TestServer s : servers) {
      s.put(path, bytes);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(TimeUnit.SECONDS.toMillis(30));
    servers.forEach(TestServer::close);
  }
}
