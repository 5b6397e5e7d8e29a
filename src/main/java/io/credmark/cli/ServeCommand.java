package io.credmark.cli;

import io.credmark.access.NewApiKey;
import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
import io.credmark.credential.CredentialLinks;
import io.credmark.http.HttpLimits;
import io.credmark.http.HttpServer;
import io.credmark.http.Listener;
import io.credmark.http.WebLinks;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--db JDBC_URL] [--public-url URL]}: runs the HTTP
 * service until the process is stopped. On the first start against a database it creates the admin API key and
 * shows it once: on the terminal, or when standard output is not one (a log, say), in an owner-only file in the data
 * directory.
 */
@Command(name = "serve", description = "Runs the HTTP service until the process is stopped.")
public final class ServeCommand implements Callable<Integer> {

    /** A started service: stop it with {@link #close()}. */
    public record Running(ServiceNode node, HttpServer server, Optional<NewApiKey> adminKey) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                node.close();
            }
        }
    }

    /** Where the admin key is written when standard output is not a terminal (it could be a log). */
    static final String ADMIN_KEY_FILE = "admin-key.txt";

    private final Map<String, String> env;
    private final boolean terminal;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--port", paramLabel = "PORT", description = "The port; default 8080, 0 picks a free one.")
    private Optional<Integer> port = Optional.empty();
    @Option(names = "--host", paramLabel = "HOST", description = "The address to bind; default 127.0.0.1.")
    private Optional<String> host = Optional.empty();
    @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_DIR)
    private Optional<String> data = Optional.empty();
    @Option(names = "--db", paramLabel = "JDBC_URL", description = "The database; default H2 in the data directory.")
    private Optional<String> db = Optional.empty();
    @Option(names = "--public-url", paramLabel = "URL", description = "The base of credential links.")
    private Optional<String> publicUrl = Optional.empty();

    /** A service started with {@link #start(List, PrintStream, PrintStream)}. */
    public ServeCommand(Map<String, String> env) {
        this(env, System.console() != null, System.out, System.err);
    }

    ServeCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, System.console() != null, out, err);
    }

    /** @param terminal whether standard output is a terminal, where the admin key may be shown */
    ServeCommand(Map<String, String> env, boolean terminal, PrintStream out, PrintStream err) {
        this.env = env;
        this.terminal = terminal;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Running running = start(out, err);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("credmark: stopping");
            running.close();
            stopped.countDown();
        }, "credmark-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Starts the service as {@code serve} with these words would, and returns once it answers. */
    public Running start(List<String> argv, PrintStream out, PrintStream err) {
        new CommandLine(this).parseArgs(argv.toArray(String[]::new));
        return start(out, err);
    }

    private Running start(PrintStream out, PrintStream err) {
        Map<String, String> overrides = new HashMap<>();
        db.ifPresent(v -> overrides.put("db.url", v));
        publicUrl.ifPresent(v -> overrides.put("public.url", v));
        this.port.ifPresent(v -> overrides.put("http.port", v.toString()));
        this.host.ifPresent(v -> overrides.put("http.host", v));
        Settings settings = Settings.resolve(data, overrides, env);
        long port = settings.number("http.port", 8080);
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535");
        }
        // reachable from this machine only, unless asked: the service speaks plain HTTP, meant to sit behind TLS
        String host = settings.get("http.host").orElse("127.0.0.1");
        HttpLimits limits;
        try {
            limits = HttpLimits.from(settings);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }

        Listener listener;
        try {
            listener = Listener.bind(host, (int) port, limits);
        } catch (java.io.UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
        CredentialLinks links;
        ServiceNode node;
        try {
            links = new WebLinks(settings.get("public.url").orElse("http://localhost:" + listener.port()));
            node = ServiceNode.open(settings, links);
        } catch (IllegalArgumentException e) {
            listener.close();
            throw new UsageException(e.getMessage());
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        Optional<NewApiKey> admin;
        HttpServer server;
        try {
            admin = node.apiKeys().createAdminIfAbsent();
            server = HttpServer.start(listener, node, limits);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        if (admin.isPresent()) {
            if (terminal) {
                out.println("credmark: created the admin API key; it is shown only this once, store it now:");
                out.println(admin.get().secret());
                out.flush();
            } else {
                Path file = writeOwnerOnly(settings.dataDir().resolve(ADMIN_KEY_FILE), admin.get().secret());
                err.println("credmark: created the admin API key; output is not a terminal, so it was written once"
                        + " to " + file + " (readable by this user only): store it elsewhere and delete the file");
            }
        }
        err.println("credmark: serving on http://" + host + ":" + server.port() + " (public URL " + links.base()
                + ", database " + node.databaseDescription() + ")");
        return new Running(node, server, admin);
    }

    private static Path writeOwnerOnly(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin key to " + file + ": " + e.getMessage(), e);
        }
    }
}
