package io.credmark.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;

/**
 * credmark's database: a connection pool over H2 (embedded, the default) or PostgreSQL (several service nodes),
 * migrated to the current schema when opened. The migrations in {@code db/migration} run unchanged on both.
 */
public final class Database implements AutoCloseable {

    /** SQLSTATE of a unique or primary-key violation; H2 and PostgreSQL both use it. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final HikariDataSource pool;
    private final String description;

    private Database(HikariDataSource pool, String description) {
        this.pool = pool;
        this.description = description;
    }

    /** The default database's file name in the data directory, without H2's {@code .mv.db}. */
    public static final String DEFAULT_NAME = "credmark";

    /**
     * The default database: an H2 file in the data directory. Every commit is written through to the file
     * ({@code WRITE_DELAY=0}), and the file is locked against a second process; the pool closes it, not the JVM's
     * shutdown hook, so that requests in flight can still commit while the server stops.
     */
    public static String defaultUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve(DEFAULT_NAME)
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE";
    }

    /** Opens a pool of up to 10 connections and migrates the schema. */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, 10);
    }

    public static Database open(String jdbcUrl, int maxConnections) {
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported database URL " + redact(jdbcUrl)
                    + ": expected jdbc:h2:… or jdbc:postgresql:…");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(maxConnections);
        config.setPoolName("credmark-db");
        config.setAutoCommit(true);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            String message = "cannot connect to " + redact(jdbcUrl) + ": " + rootMessage(e);
            throw lockedByAnotherProcess(e) ? new DatabaseInUseException(message, e) : new StoreException(message, e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("cannot migrate " + redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        return new Database(pool, redact(jdbcUrl));
    }

    /** Work done with one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a connection in auto-commit mode: each statement commits on its own. */
    public <T> T run(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. (The pool puts
     * the connection back into auto-commit mode when it is returned.)
     */
    public <T> T transaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** True when a connection can be had and answers a trivial query. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The URL without credentials, for logs and messages. */
    public String description() {
        return description;
    }

    public boolean isPostgres() {
        return description.startsWith("jdbc:postgresql:");
    }

    /** Reports the pool's connections (active, idle, pending) and acquire times to {@code registry}; once. */
    public void recordPoolMetrics(MeterRegistry registry) {
        if (pool.getMetricsTrackerFactory() == null && pool.getMetricRegistry() == null) {
            pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    static StoreException translate(SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new DuplicateKeyException(e.getMessage(), e);
        }
        return new StoreException("database error: " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Removes passwords from a JDBC URL: {@code password=…} parameters and {@code user:password@} parts. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    /** H2 refuses a file that another process has open with {@link ErrorCode#DATABASE_ALREADY_OPEN_1}. */
    private static boolean lockedByAnotherProcess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
    }
}
