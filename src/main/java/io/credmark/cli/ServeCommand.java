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
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--db JDBC_URL] [--public-url URL]}: runs the HTTP
 * service until the process is stopped. On the first start against a database it creates the admin API key and
 * shows it once: on the terminal, or when standard output is not one (a log, say), in an owner-only file in the data
 * directory.
 */
public final class ServeCommand {

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

    public ServeCommand(Map<String, String> env) {
        this(env, System.console() != null);
    }

    /** @param terminal whether standard output is a terminal, where the admin key may be shown */
    ServeCommand(Map<String, String> env, boolean terminal) {
        this.env = env;
        this.terminal = terminal;
    }

    int run(List<String> argv, PrintStream out, PrintStream err) {
        Running running = start(argv, out, err);
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

    public Running start(List<String> argv, PrintStream out, PrintStream err) {
        Args args = Args.parse(argv, Set.of("port", "host", "data", "db", "public-url"), Set.of());
        if (!args.positionals().isEmpty()) {
            throw new UsageException("serve takes no positional arguments: " + args.positionals().get(0));
        }
        Map<String, String> overrides = new HashMap<>();
        args.option("db").ifPresent(v -> overrides.put("db.url", v));
        args.option("public-url").ifPresent(v -> overrides.put("public.url", v));
        args.option("port").ifPresent(v -> overrides.put("http.port", v));
        args.option("host").ifPresent(v -> overrides.put("http.host", v));
        Settings settings = Settings.resolve(args.option("data"), overrides, env);
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
