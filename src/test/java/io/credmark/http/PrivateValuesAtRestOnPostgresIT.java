package io.credmark.http;

import static io.credmark.http.PrivateValuesAtRestTest.contains;
import static io.credmark.http.PrivateValuesAtRestTest.stampWithPrivatePrompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code pg_dump} of the service's schema reveals no private value (Debian's postgresql-client). */
class PrivateValuesAtRestOnPostgresIT {

    @Test
    void aPostgresDumpHoldsNoPrivateValue(@TempDir Path dir) throws Exception {
        String prompt = "a private heron counting lanterns " + System.nanoTime();
        try (TestDatabase.Provisioned db = TestDatabase.POSTGRES.provision(dir)) {
            try (TestService service = TestService.start(dir.resolve("data"), db.url(), Map.of())) {
                stampWithPrivatePrompt(service, prompt);
            }
            byte[] dump = pgDump(db.schema());
            assertTrue(contains(dump, "credential_disclosures"), "the dump holds the schema's tables");
            assertFalse(contains(dump, prompt), "the dump holds the private prompt");
        }
    }

    private static byte[] pgDump(String schema) throws Exception {
        URI url = URI.create(System.getenv(TestDatabase.POSTGRES_URL_VARIABLE).substring("jdbc:".length()));
        Map<String, String> query = new HashMap<>();
        for (String kv : url.getQuery().split("&")) {
            String[] p = kv.split("=", 2);
            query.put(p[0], p.length > 1 ? p[1] : "");
        }
        Path pgDump;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            pgDump = versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable).sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("pg_dump (postgresql-client) is missing"));
        }
        ProcessBuilder pb = new ProcessBuilder(pgDump.toString(), "-h", url.getHost(), "-p",
                String.valueOf(url.getPort()), "-U", query.get("user"), "-n", schema, "--data-only",
                url.getPath().substring(1));
        pb.environment().put("PGPASSWORD", query.getOrDefault("password", ""));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertEquals(0, p.waitFor(), out.toString(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

}
