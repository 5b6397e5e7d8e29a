package io.credmark.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A bound but not yet serving HTTP port. Binding comes first so that the port (chosen by the system when 0 is asked
 * for) is known before the service is built: the default public URL, written into every manifest, depends on it.
 */
public final class Listener implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private Listener(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * @param host the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
     * @param port 0 for any free port
     * @param limits the idle timeout and minimum request data rate (the other limits apply later, per route)
     */
    public static Listener bind(String host, int port, HttpLimits limits) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
        threads.setName("credmark-http");
        Server server = new Server(threads);
        // requests in flight may finish (and commit their records) while the server stops
        server.insertHandler(new GracefulHandler());
        if (limits.minRequestDataRate() > 0) {
            // a body that arrives slower than this is cut off, so a slow sender cannot hold a thread for long
            server.insertHandler(new MinimumDataRateHandler(limits.minRequestDataRate(), 0));
        }
        server.setStopTimeout(15_000);
        server.setErrorHandler(new JettyProblemHandler());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // as Javalin's default: the router, not Jetty, decides about unusual paths
        http.setUriCompliance(UriCompliance.LEGACY);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        // also bounds a blocked read of a body that stalls
        connector.setIdleTimeout(limits.idleTimeoutMillis());
        try {
            connector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.addConnector(connector);
        return new Listener(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String host() {
        return connector.getHost();
    }

    Server server() {
        return server;
    }

    /** Releases the port when the listener was never handed to a server. */
    @Override
    public void close() {
        connector.close();
    }
}
