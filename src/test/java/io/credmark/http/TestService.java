package io.credmark.http;

import io.credmark.access.NewApiKey;
import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
import io.credmark.testing.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A service node started in the test's JVM on a free loopback port, as {@code serve} starts one, over a given
 * database.
 */
final class TestService implements AutoCloseable {

    final ServiceNode node;
    final HttpServer server;
    final String base;
    /** The admin key, when this start created it (the first start on a database). */
    final String adminKey;
    /** The data directory (development CA, settings). */
    final Path dataDir;
    /** The database the node stores in, for further nodes over the same one. */
    final String databaseUrl;
    /** The database provisioned for this node alone, dropped on {@link #close()}; null when given by URL. */
    private final TestDatabase.Provisioned ownDatabase;

    private TestService(ServiceNode node, HttpServer server, String base, String adminKey, Path dataDir,
            String databaseUrl, TestDatabase.Provisioned ownDatabase) {
        this.node = node;
        this.server = server;
        this.base = base;
        this.adminKey = adminKey;
        this.dataDir = dataDir;
        this.databaseUrl = databaseUrl;
        this.ownDatabase = ownDatabase;
    }

    /**
     * A node over a fresh database of its own, which {@link #close()} drops with the node. Its data directory is
     * {@code directory/data}; on H2 the database file lies in {@code directory}, beside the data directory and not in
     * it, so that a command run over the data directory opens a database of its own and not the running node's.
     *
     * @param directory a temporary directory of the test
     * @param settings  further settings, e.g. {@code limits.max-bytes}
     */
    static TestService on(TestDatabase kind, Path directory, Map<String, String> settings) {
        TestDatabase.Provisioned database = kind.provision(directory);
        try {
            return start(directory.resolve("data"), database.url(), null, settings, database);
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    /**
     * A node over an existing database, e.g. a second node over the database of {@link #on}; closing it leaves the
     * database.
     *
     * @param dataDir  the data directory (development CA, settings)
     * @param settings further settings, e.g. {@code limits.max-bytes}
     */
    static TestService start(Path dataDir, String databaseUrl, Map<String, String> settings) {
        return start(dataDir, databaseUrl, null, settings, null);
    }

    /**
     * A node of a deployment whose nodes share one public URL ({@code public.url}), over an existing database;
     * closing it leaves the database.
     *
     * @param publicUrl where the deployment's credentials live on the web, whichever node serves them
     */
    static TestService start(Path dataDir, String databaseUrl, String publicUrl, Map<String, String> settings) {
        Map<String, String> withUrl = new HashMap<>(settings);
        withUrl.put("public.url", publicUrl);
        return start(dataDir, databaseUrl, publicUrl, withUrl, null);
    }

    /** @param publicUrl the public URL, or null for the node's own address */
    private static TestService start(Path dataDir, String databaseUrl, String publicUrl, Map<String, String> settings,
            TestDatabase.Provisioned ownDatabase) {
        Map<String, String> overrides = new HashMap<>(settings);
        overrides.put("db.url", databaseUrl);
        Settings resolved = Settings.resolve(java.util.Optional.of(dataDir.toString()), overrides, Map.of());
        HttpLimits limits = HttpLimits.from(resolved);
        Listener listener = Listener.bind("127.0.0.1", 0, limits);
        String base = "http://127.0.0.1:" + listener.port();
        ServiceNode node = ServiceNode.open(resolved, new WebLinks(publicUrl != null ? publicUrl : base));
        String admin = node.apiKeys().createAdminIfAbsent().map(NewApiKey::secret).orElse(null);
        HttpServer server = HttpServer.start(listener, node, limits);
        return new TestService(node, server, base, admin, dataDir, databaseUrl, ownDatabase);
    }

    /** Creates the API key "front-end" of a generation front end (role stamp) with the admin key; its secret. */
    String createStampKey() {
        ApiClient.Answer created = client().postRaw("/v1/api-keys", "application/json",
                "{\"name\":\"front-end\",\"role\":\"stamp\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Authorization", "Bearer " + adminKey);
        if (created.status() != 201) {
            throw new AssertionError("creating the stamp key: " + created);
        }
        return created.json().get("key").asText();
    }

    ApiClient client() {
        return new ApiClient(base);
    }

    @Override
    public void close() {
        try {
            try {
                server.close();
            } finally {
                node.close();
            }
        } finally {
            if (ownDatabase != null) {
                ownDatabase.close();
            }
        }
    }
}
