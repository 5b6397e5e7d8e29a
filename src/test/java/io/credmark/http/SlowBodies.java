package io.credmark.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow-body attack on loopback: connections from one address that each declare a large body and send one byte of
 * it per period, reconnecting when the server drops them. It stops by itself after {@code lifetime}, and on close.
 */
final class SlowBodies implements AutoCloseable {

    /** One kind of request sent slowly. */
    record Target(String path, String contentType, long declaredLength, int connections) {
    }

    private final String from;
    private final int port;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-bodies");
        t.setDaemon(true);
        return t;
    });
    private final List<Slot> slots = new ArrayList<>();
    private final long deadline;
    final AtomicInteger opened = new AtomicInteger();

    private final class Slot {
        final Target target;
        Socket socket;

        Slot(Target target) {
            this.target = target;
        }

        /** Sends one more byte, or reconnects when the server has dropped the connection. */
        void tick() {
            try {
                if (socket == null || socket.isClosed()) {
                    open();
                    return;
                }
                if (socket.getInputStream().available() > 0) {
                    // the server answered (and will close): start over
                    close();
                    return;
                }
                OutputStream out = socket.getOutputStream();
                out.write('x');
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void open() throws IOException {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            String head = "POST " + target.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: "
                    + target.contentType() + "\r\nContent-Length: " + target.declaredLength() + "\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            socket = s;
            opened.incrementAndGet();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // already gone
            }
            socket = null;
        }
    }

    /**
     * @param from     the loopback address the attack comes from (e.g. 127.0.0.2; all of 127/8 is loopback)
     * @param period   between two bytes of one body
     * @param lifetime after which the attack stops by itself
     */
    SlowBodies(String from, int port, List<Target> targets, long periodMillis, long lifetimeMillis) {
        this.from = from;
        this.port = port;
        this.deadline = System.currentTimeMillis() + lifetimeMillis;
        for (Target t : targets) {
            for (int i = 0; i < t.connections(); i++) {
                slots.add(new Slot(t));
            }
        }
        for (Slot s : slots) {
            s.tick();
        }
        ticker.scheduleWithFixedDelay(() -> {
            if (System.currentTimeMillis() > deadline) {
                close();
                return;
            }
            for (Slot s : slots) {
                s.tick();
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ticker.shutdown();
        for (Slot s : slots) {
            s.close();
        }
    }
}
