package io.credmark.http;

import io.credmark.access.NewApiKey;
import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
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

    private TestService(ServiceNode node, HttpServer server, String base, String adminKey) {
        this.node = node;
        this.server = server;
        this.base = base;
        this.adminKey = adminKey;
    }

    /**
     * @param dataDir  the data directory (development CA, settings)
     * @param settings further settings, e.g. {@code limits.max-bytes}
     */
    static TestService start(Path dataDir, String databaseUrl, Map<String, String> settings) {
        Map<String, String> overrides = new HashMap<>(settings);
        overrides.put("db.url", databaseUrl);
        Settings resolved = Settings.resolve(java.util.Optional.of(dataDir.toString()), overrides, Map.of());
        HttpLimits limits = HttpLimits.from(resolved);
        Listener listener = Listener.bind("127.0.0.1", 0, limits);
        String base = "http://127.0.0.1:" + listener.port();
        ServiceNode node = ServiceNode.open(resolved, new WebLinks(base));
        String admin = node.apiKeys().createAdminIfAbsent().map(NewApiKey::secret).orElse(null);
        HttpServer server = HttpServer.start(listener, node, limits);
        return new TestService(node, server, base, admin);
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
            server.close();
        } finally {
            node.close();
        }
    }
}
