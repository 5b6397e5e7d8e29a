package io.credmark.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.credmark.store.Database;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A fresh, empty database for one test class: the default H2 file in a temporary directory, or a schema of its own in the
 * PostgreSQL database named by {@value #POSTGRES_URL_VARIABLE} (which {@code .ci/run} sets). Without that variable
 * the PostgreSQL variants fail, so that a missing PostgreSQL can never pass unnoticed.
 */
public enum TestDatabase {
    H2, POSTGRES;

    public static final String POSTGRES_URL_VARIABLE = "CREDMARK_TEST_PG_URL";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A database that exists until {@link Provisioned#close()}. */
    public record Provisioned(TestDatabase kind, String url, String schema) implements AutoCloseable {
        @Override
        public void close() {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(postgresUrl()); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop test schema " + schema, e);
                }
            }
        }
    }

    /** @param directory a temporary directory of the test (holds the H2 file) */
    public Provisioned provision(Path directory) {
        if (this == H2) {
            // the URL the service uses by default
            return new Provisioned(this, Database.defaultUrl(directory), null);
        }
        String base = postgresUrl();
        String schema = "credmark_test_" + HexFormat.of().formatHex(randomBytes());
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            fail("cannot create a schema in the PostgreSQL database " + POSTGRES_URL_VARIABLE + " names: "
                    + e.getMessage(), e);
        }
        return new Provisioned(this, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, schema);
    }

    static String postgresUrl() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            fail(POSTGRES_URL_VARIABLE + " is not set, so the PostgreSQL variant of this test cannot run. Run"
                    + " .ci/run (it installs and starts PostgreSQL and sets it), or point it at a database you own, e.g."
                    + " export " + POSTGRES_URL_VARIABLE
                    + "='jdbc:postgresql://127.0.0.1:55432/credmark_test?user=credmark&password=credmark'");
        }
        return url;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }
}
