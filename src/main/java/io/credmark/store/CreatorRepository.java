package io.credmark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code creators} table. */
public final class CreatorRepository {

    private static final String COLUMNS = "handle, token_hash, disclosure, created_at, policy_updated_at";

    private final Database db;

    public CreatorRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts and commits the creator.
     *
     * @throws DuplicateKeyException when the handle (or, improbably, the token hash) is taken
     */
    public void insert(CreatorRecord r) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO creators (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, r.handle());
                s.setString(2, r.tokenHash());
                s.setString(3, r.disclosureJson());
                s.setObject(4, Timestamps.toDatabase(r.createdAt()));
                s.setObject(5, Timestamps.toDatabase(r.policyUpdatedAt()));
                return s.executeUpdate();
            }
        });
    }

    public Optional<CreatorRecord> find(String handle) {
        return findOne("handle", handle);
    }

    public Optional<CreatorRecord> findByTokenHash(String tokenHash) {
        return findOne("token_hash", tokenHash);
    }

    /** @return whether the creator exists (and now has this policy) */
    public boolean updatePolicy(String handle, String disclosureJson, Instant when) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE creators SET disclosure = ?, policy_updated_at = ? WHERE handle = ?")) {
                s.setString(1, disclosureJson);
                s.setObject(2, Timestamps.toDatabase(when));
                s.setString(3, handle);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Replaces the creator's token: the old one stops working at once. @return whether the creator exists */
    public boolean updateToken(String handle, String tokenHash) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE creators SET token_hash = ? WHERE handle = ?")) {
                s.setString(1, tokenHash);
                s.setString(2, handle);
                return s.executeUpdate() == 1;
            }
        });
    }

    private Optional<CreatorRecord> findOne(String column, String value) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM creators WHERE " + column + " = ?")) {
                s.setString(1, value);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    private static CreatorRecord read(ResultSet rs) throws SQLException {
        return new CreatorRecord(rs.getString(1), rs.getString(2), rs.getString(3), Timestamps.fromDatabase(rs, 4),
                Timestamps.fromDatabase(rs, 5));
    }
}
