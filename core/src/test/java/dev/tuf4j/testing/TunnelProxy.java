package dev.tuf4j.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy on 127.0.0.1 that only tunnels ({@code CONNECT}, RFC 9110 section 9.3.6), to a
 * port on 127.0.0.1 whatever host was asked for; or refuses every tunnel with a status. Records
 * the request heads it receives. Thread-safe.
 */
public final class TunnelProxy implements AutoCloseable {
  private final ServerSocket serverSocket;
  private final int targetPort;
  private final int refuseWith;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tunnel-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<String> heads = Collections.synchronizedList(new ArrayList<>());

  private TunnelProxy(int targetPort, int refuseWith) throws IOException {
    this.targetPort = targetPort;
    this.refuseWith = refuseWith;
    this.serverSocket = new ServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
    threads.execute(this::acceptLoop);
  }

  /** A proxy whose tunnels all lead to 127.0.0.1:{@code targetPort}. */
  public static TunnelProxy to(int targetPort) {
    try {
      return new TunnelProxy(targetPort, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A proxy that answers every request with {@code status} and an empty body. */
  public static TunnelProxy refusing(int status) {
    try {
      return new TunnelProxy(0, status);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A selector that sends every URI through this proxy. */
  public ProxySelector selector() {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", serverSocket.getLocalPort());
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(new Proxy(Proxy.Type.HTTP, address));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
  }

  /** The request heads received, in order, lines joined with CRLF, without the blank line. */
  public List<String> heads() {
    synchronized (heads) {
      return List.copyOf(heads);
    }
  }

  @Override
  public void close() {
    RawSocketServer.closeAll(serverSocket, open, threads);
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try {
        Socket client = serverSocket.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException | RuntimeException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      String head = RawSocketServer.readHeadText(client.getInputStream());
      if (head == null) {
        return;
      }
      heads.add(head);
      OutputStream toClient = client.getOutputStream();
      if (refuseWith != 0) {
        toClient.write(
            ("HTTP/1.1 " + refuseWith + " Refused\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        toClient.flush();
        return;
      }
      try (Socket target = new Socket("127.0.0.1", targetPort)) {
        open.add(target);
        toClient.write(
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        toClient.flush();
        threads.execute(() -> pipe(target, client));
        pipe(client, target);
      }
    } catch (IOException e) {
      // A side went away: the tunnel ends.
    } finally {
      open.remove(client);
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // A side went away.
    }
  }
}
