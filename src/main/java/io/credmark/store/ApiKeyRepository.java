package io.credmark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code api_keys} table. */
public final class ApiKeyRepository {

    private static final String COLUMNS = "name, key_hash, role, created_at, revoked_at";

    private final Database db;

    public ApiKeyRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts and commits the key.
     *
     * @throws DuplicateKeyException when the name (or, improbably, the hash) is taken
     */
    public void insert(ApiKeyRecord key) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, key.name());
                s.setString(2, key.keyHash());
                s.setString(3, key.role());
                s.setObject(4, Timestamps.toDatabase(key.createdAt()));
                s.setObject(5, Timestamps.toDatabase(key.revokedAt().orElse(null)));
                return s.executeUpdate();
            }
        });
    }

    public Optional<ApiKeyRecord> findByHash(String keyHash) {
        return findOne("key_hash", keyHash);
    }

    public Optional<ApiKeyRecord> find(String name) {
        return findOne("name", name);
    }

    /** All keys, revoked ones included, by name. */
    public List<ApiKeyRecord> list() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY name");
                    ResultSet rs = s.executeQuery()) {
                List<ApiKeyRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    /**
     * Marks the key revoked at {@code when}, unless it already is.
     *
     * @return the key as it now is; empty when there is no key of that name
     */
    public Optional<ApiKeyRecord> revoke(String name, Instant when) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
                s.setObject(1, Timestamps.toDatabase(when));
                s.setString(2, name);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    private Optional<ApiKeyRecord> findOne(String column, String value) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_keys WHERE " + column + " = ?")) {
                s.setString(1, value);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    private static ApiKeyRecord read(ResultSet rs) throws SQLException {
        return new ApiKeyRecord(rs.getString(1), rs.getString(2), rs.getString(3), Timestamps.fromDatabase(rs, 4), Optional.ofNullable(Timestamps.fromDatabase(rs, 5)));
    }
}
