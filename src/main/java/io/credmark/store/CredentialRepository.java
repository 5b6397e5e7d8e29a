package io.credmark.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code credentials} table. */
public final class CredentialRepository {

    private static final String COLUMNS = "id, manifest_label, media_type, sha256, creator_handle, model_name,"
            + " provenance, signer_organization, signer_common_name, signer_issuer, api_key_name, created_at";

    private final Database db;

    public CredentialRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts and commits the record.
     *
     * @throws DuplicateKeyException when the id is taken
     */
    public void insert(CredentialRecord r) {
        db.run(c -> insert(c, r));
    }

    /** Inserts the record on {@code c}, e.g. inside a transaction that records more with it. */
    static int insert(Connection c, CredentialRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO credentials (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, r.id());
            s.setString(2, r.manifestLabel());
            s.setString(3, r.mediaType());
            s.setString(4, r.sha256());
            s.setString(5, r.creatorHandle());
            s.setString(6, r.modelName());
            s.setString(7, r.provenanceJson());
            s.setString(8, r.signerOrganization());
            s.setString(9, r.signerCommonName());
            s.setString(10, r.signerIssuer());
            s.setString(11, r.apiKeyName());
            s.setObject(12, Timestamps.toDatabase(r.createdAt()));
            return s.executeUpdate();
        }
    }

    public Optional<CredentialRecord> find(long id) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM credentials WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The SHA-256 recorded for a credential, without reading the rest of its record. */
    public Optional<String> sha256(long id) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT sha256 FROM credentials WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public long count() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM credentials");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static CredentialRecord read(ResultSet rs) throws SQLException {
        return new CredentialRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), Timestamps.fromDatabase(rs, 12));
    }
}
