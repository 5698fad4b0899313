package io.pandu.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy a test can cut: {@link #cut()} drops every connection through it (as a
 * database whose backends are terminated) and refuses new ones until {@link #restore()}, which
 * listens on the same port again.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> targets = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile ServerSocket listener;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public int port() {
        return port;
    }

    /**
     * The local ports of the proxy's open connections to the target: what the target sees as its
     * clients' ports (PostgreSQL's {@code pg_stat_activity.client_port}).
     */
    public Set<Integer> targetClientPorts() {
        Set<Integer> ports = new java.util.TreeSet<>();
        for (Socket s : targets) {
            if (!s.isClosed()) {
                ports.add(s.getLocalPort());
            }
        }
        return ports;
    }

    /** Drops every connection and refuses new ones. */
    public synchronized void cut() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
        open.clear();
        targets.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() throws IOException {
        listener = listen(port);
        accept(listener);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return server;
    }

    private void accept(ServerSocket server) {
        Thread acceptor =
                new Thread(
                        () -> {
                            while (!server.isClosed()) {
                                try {
                                    Socket client = server.accept();
                                    Socket target =
                                            new Socket(
                                                    InetAddress.getLoopbackAddress(), targetPort);
                                    open.add(client);
                                    open.add(target);
                                    targets.add(target);
                                    pump(client, target);
                                    pump(target, client);
                                } catch (IOException e) {
                                    // closed by cut() or close()
                                }
                            }
                        },
                        "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[8192];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                int n;
                                while ((n = in.read(buffer)) >= 0) {
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                            } catch (IOException e) {
                                // one side went away
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        },
                        "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        targets.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
