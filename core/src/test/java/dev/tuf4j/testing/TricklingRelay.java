package dev.tuf4j.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 in front of a TLS server, that passes what the server sends on one
 * byte at a time, one byte per {@code gap}, from a chosen TLS record on: the slow retrieval
 * attack at the level of TLS records, which a client that bounds each socket read rather than
 * each TLS read does not notice. What the client sends goes through at once.
 *
 * <p>It reads the server's side as TLS records (RFC 8446, section 5.1: a type byte, two version
 * bytes, a two-byte length). With TLS 1.2 every handshake record has type 22 and application
 * data, sent only after the handshake, type 23, so "from the first application data record"
 * is a point in the exchange known in advance; the client must then offer TLS 1.2 only ({@link
 * TestCa#clientSslContext(String)}).
 */
public final class TricklingRelay implements AutoCloseable {
  private static final int APPLICATION_DATA = 23;

  private final ServerSocket listener;
  private final int targetPort;
  private final int promptApplicationRecords;
  private final Duration gap;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "trickling-relay");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch trickling = new CountDownLatch(1);

  private TricklingRelay(int targetPort, int promptApplicationRecords, Duration gap)
      throws IOException {
    this.targetPort = targetPort;
    this.promptApplicationRecords = promptApplicationRecords;
    this.gap = gap;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    threads.execute(this::acceptLoop);
  }

  /** Trickles everything the server sends, its first handshake record on. */
  public static TricklingRelay fromTheStart(int targetPort, Duration gap) {
    return start(targetPort, -1, gap);
  }

  /**
   * Passes the handshake and the first {@code records} application data records on at once, and
   * trickles the rest.
   */
  public static TricklingRelay afterApplicationRecords(int targetPort, int records, Duration gap) {
    return start(targetPort, records, gap);
  }

  private static TricklingRelay start(int targetPort, int records, Duration gap) {
    try {
      return new TricklingRelay(targetPort, records, gap);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code https://127.0.0.1:<relay port><path>}. */
  public URI uri(String path) {
    return URI.create("https://127.0.0.1:" + listener.getLocalPort() + path);
  }

  /** Waits until the relay has started trickling; false if it did not within the time. */
  public boolean awaitTrickling(Duration timeout) throws InterruptedException {
    return trickling.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    RawSocketServer.closeAll(listener, open, threads);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(server);
        threads.execute(() -> clientToServer(client, server));
        threads.execute(() -> serverToClient(server, client));
      } catch (IOException | RuntimeException e) {
        return;
      }
    }
  }

  private static void clientToServer(Socket client, Socket server) {
    try {
      client.getInputStream().transferTo(server.getOutputStream());
    } catch (IOException e) {
      // A side went away.
    }
  }

  private void serverToClient(Socket server, Socket client) {
    try {
      client.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(server.getInputStream());
      OutputStream out = client.getOutputStream();
      int applicationRecords = 0;
      boolean trickle = promptApplicationRecords < 0;
      byte[] header = new byte[5];
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          break;
        }
        byte[] body = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
        in.readFully(body);
        if (!trickle && header[0] == APPLICATION_DATA) {
          trickle = applicationRecords++ >= promptApplicationRecords;
        }
        if (trickle) {
          trickling.countDown();
          if (!sendSlowly(header, out) || !sendSlowly(body, out)) {
            return;
          }
        } else {
          out.write(header);
          out.write(body);
          out.flush();
        }
      }
      client.shutdownOutput();
    } catch (IOException e) {
      // A side went away.
    }
  }

  /** One byte per gap; false when the relay is closing. */
  private boolean sendSlowly(byte[] bytes, OutputStream out) throws IOException {
    for (byte b : bytes) {
      try {
        Thread.sleep(gap.toMillis(), (int) (gap.toNanos() % 1_000_000)); // the attacker's pace
      } catch (InterruptedException e) {
        return false;
      }
      out.write(b);
      out.flush();
    }
    return true;
  }
}
