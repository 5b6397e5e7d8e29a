package io.credmark.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credential store: {@code credentials} with their manifest stores ({@code credential_manifests}), disclosures
 * ({@code credential_disclosures}), commitments ({@code credential_commitments}) and model links
 * ({@code credential_models}). A stamp's rows are committed together, in one transaction.
 */
public final class CredentialStore {

    private static final String COLUMNS = "id, manifest_label, media_type, sha256, creator_handle, model_name,"
            + " provenance, signer_organization, signer_common_name, signer_issuer, api_key_name, created_at,"
            + " signer_sha256";

    static final String PROVENANCE = "credentials.provenance";
    static final String DISCLOSURE = "credential_disclosures.disclosure";

    private final Database db;
    private final ValueSealer sealer;

    /** @param sealer seals the provenance documents and disclosures, which hold private values, at rest */
    public CredentialStore(Database db, ValueSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    /**
     * Inserts a new credential with its manifest store and watermark id, every disclosure of its stamp, its
     * commitments and its model link, in one transaction: all of it is committed, or none.
     *
     * @throws DuplicateKeyException when the credential id, or the watermark id, is taken
     */
    public void insertIssued(CredentialRecord credential, StampArtifacts artifacts, List<DisclosureRecord> disclosures,
            CommitmentRecord commitments, Optional<ModelLinkRecord> model) {
        db.transaction(c -> {
            insert(c, credential);
            if (artifacts.watermarkId().isPresent()) {
                try (PreparedStatement s = c.prepareStatement("UPDATE credentials SET watermark_id = ? WHERE id = ?")) {
                    s.setLong(1, artifacts.watermarkId().getAsLong());
                    s.setLong(2, credential.id());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO credential_manifests (credential_id,"
                    + " manifest_store) VALUES (?, ?)")) {
                s.setLong(1, credential.id());
                s.setBytes(2, artifacts.manifestStore());
                s.executeUpdate();
            }
            if (artifacts.identity().isPresent()) {
                CreatorIdentityRepository.ConfirmedRecord i = artifacts.identity().get();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO credential_identities (credential_id,"
                        + " handle, display_name, signed_at) VALUES (?, ?, ?, ?)")) {
                    s.setLong(1, credential.id());
                    s.setString(2, i.handle());
                    s.setString(3, i.displayName());
                    s.setObject(4, Timestamps.toDatabase(i.signedAt()));
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO credential_disclosures (credential_id, path,"
                    + " disclosure, stamped_level) VALUES (?, ?, ?, ?)")) {
                for (DisclosureRecord d : disclosures) {
                    s.setLong(1, d.credentialId());
                    s.setString(2, d.path());
                    s.setString(3, sealer.seal(DISCLOSURE, d.disclosure()));
                    s.setString(4, d.stampedLevel());
                    s.addBatch();
                }
                if (!disclosures.isEmpty()) {
                    s.executeBatch();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO credential_commitments (credential_id,"
                    + " digest_alg, digests, requested_policy, override_policy, override_updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, commitments.credentialId());
                s.setString(2, commitments.digestAlg());
                s.setString(3, commitments.digests());
                s.setString(4, commitments.requestedPolicy());
                s.setString(5, commitments.overridePolicy().orElse(null));
                s.setObject(6, Timestamps.toDatabase(commitments.overrideUpdatedAt().orElse(null)));
                s.executeUpdate();
            }
            if (model.isPresent()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO credential_models (credential_id,"
                        + " model_id, model_revision) VALUES (?, ?, ?)")) {
                    s.setLong(1, model.get().credentialId());
                    s.setString(2, model.get().modelId());
                    s.setInt(3, model.get().modelRevision());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The credential whose image carries the watermark id {@code watermarkId}: one probe of a unique index. */
    public Optional<IssuedCredential> issuedByWatermark(long watermarkId) {
        return issuedWhere("watermark_id", watermarkId);
    }

    /** The manifest store embedded in the file issued with the manifest {@code manifestLabel}, as written. */
    public Optional<byte[]> manifestStore(String manifestLabel) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT m.manifest_store FROM credentials c"
                    + " JOIN credential_manifests m ON m.credential_id = c.id WHERE c.manifest_label = ?")) {
                s.setString(1, manifestLabel);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** The parts of a credential's record that verifying a file needs, without its provenance document. */
    public Optional<IssuedCredential> issued(long credentialId) {
        return issuedWhere("id", credentialId);
    }

    /** The credential issued with the manifest {@code manifestLabel}. */
    public Optional<IssuedCredential> issuedByManifest(String manifestLabel) {
        return issuedWhere("manifest_label", manifestLabel);
    }

    private Optional<IssuedCredential> issuedWhere(String keyColumn, Object key) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, sha256, manifest_label, creator_handle, signer_sha256 FROM credentials WHERE "
                    + keyColumn + " = ?")) {
                s.setObject(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new IssuedCredential(rs.getLong(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), Optional.ofNullable(rs.getString(5))))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * Seals the provenance documents and disclosures stored before values were sealed, so that an older database
     * too reveals no private value once this has run; values already sealed are left as they are.
     *
     * @return how many values were sealed
     */
    public int sealStoredValues() {
        return db.transaction(c -> seal(c, "credentials", "provenance", PROVENANCE, "id")
                + seal(c, "credential_disclosures", "disclosure", DISCLOSURE, "credential_id, path"));
    }

    private int seal(Connection c, String table, String column, String label, String key) throws SQLException {
        String[] keys = key.split(", ");
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + key + ", " + column + " FROM " + table
                + " WHERE " + column + " NOT LIKE '" + ValueSealer.PREFIX + "%'");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[keys.length + 1];
                for (int i = 0; i <= keys.length; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        String where = String.join(" AND ", java.util.Arrays.stream(keys).map(k -> k + " = ?").toList());
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + where)) {
            for (Object[] row : rows) {
                s.setString(1, sealer.seal(label, (String) row[keys.length]));
                for (int i = 0; i < keys.length; i++) {
                    s.setObject(i + 2, row[i]);
                }
                s.addBatch();
            }
            if (!rows.isEmpty()) {
                s.executeBatch();
            }
        }
        return rows.size();
    }

    /** Every disclosure of the credential, in no particular order. */
    public List<DisclosureRecord> disclosures(long credentialId) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT credential_id, path, disclosure, stamped_level"
                    + " FROM credential_disclosures WHERE credential_id = ?")) {
                s.setLong(1, credentialId);
                try (ResultSet rs = s.executeQuery()) {
                    List<DisclosureRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new DisclosureRecord(rs.getLong(1), rs.getString(2),
                                sealer.open(DISCLOSURE, rs.getString(3)), rs.getString(4)));
                    }
                    return out;
                }
            }
        });
    }

    public Optional<CommitmentRecord> commitments(long credentialId) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT credential_id, digest_alg, digests,"
                    + " requested_policy, override_policy, override_updated_at FROM credential_commitments"
                    + " WHERE credential_id = ?")) {
                s.setLong(1, credentialId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new CommitmentRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), Optional.ofNullable(rs.getString(5)),
                            Optional.ofNullable(Timestamps.fromDatabase(rs, 6))));
                }
            }
        });
    }

    /**
     * Sets (or, with an empty policy, removes) the creator's override for one credential.
     *
     * @return whether the credential has commitments on record
     */
    public boolean setOverride(long credentialId, Optional<String> policyJson, Instant when) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE credential_commitments SET override_policy = ?,"
                    + " override_updated_at = ? WHERE credential_id = ?")) {
                s.setString(1, policyJson.orElse(null));
                s.setObject(2, Timestamps.toDatabase(when));
                s.setLong(3, credentialId);
                return s.executeUpdate() == 1;
            }
        });
    }

    public Optional<ModelLinkRecord> modelLink(long credentialId) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT credential_id, model_id, model_revision"
                    + " FROM credential_models WHERE credential_id = ?")) {
                s.setLong(1, credentialId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new ModelLinkRecord(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * For the creator's credentials that follow their default policy (no override): each field that was stamped
     * public, so that its value travels readable in the file, with the number of such credentials.
     */
    public Map<String, Long> publishedFieldsFollowingDefault(String creatorHandle) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT d.path, COUNT(*) FROM credential_disclosures d"
                    + " JOIN credentials c ON c.id = d.credential_id"
                    + " JOIN credential_commitments m ON m.credential_id = d.credential_id"
                    + " WHERE c.creator_handle = ? AND d.stamped_level = 'public' AND m.override_policy IS NULL"
                    + " GROUP BY d.path ORDER BY d.path")) {
                s.setString(1, creatorHandle);
                try (ResultSet rs = s.executeQuery()) {
                    Map<String, Long> out = new LinkedHashMap<>();
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                    return out;
                }
            }
        });
    }

    /** The creator's credentials, newest first. */
    public List<CreatorCredentialRow> listByCreator(String creatorHandle, int limit, long offset) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT c.id, c.model_name, c.media_type, c.created_at,"
                    + " m.model_id, k.override_policy FROM credentials c"
                    + " LEFT JOIN credential_models m ON m.credential_id = c.id"
                    + " LEFT JOIN credential_commitments k ON k.credential_id = c.id"
                    + " WHERE c.creator_handle = ? ORDER BY c.created_at DESC, c.id LIMIT ? OFFSET ?")) {
                s.setString(1, creatorHandle);
                s.setInt(2, limit);
                s.setLong(3, offset);
                try (ResultSet rs = s.executeQuery()) {
                    List<CreatorCredentialRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new CreatorCredentialRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                                Timestamps.fromDatabase(rs, 4), rs.getString(5), rs.getString(6) != null));
                    }
                    return out;
                }
            }
        });
    }

    /** How many credentials were stamped naming the model. */
    public long credentialsOfModel(String modelId) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM credential_models WHERE model_id = ?")) {
                s.setString(1, modelId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
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
    private int insert(Connection c, CredentialRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO credentials (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, r.id());
            s.setString(2, r.manifestLabel());
            s.setString(3, r.mediaType());
            s.setString(4, r.sha256());
            s.setString(5, r.creatorHandle());
            s.setString(6, r.modelName());
            s.setString(7, sealer.seal(PROVENANCE, r.provenanceJson()));
            s.setString(8, r.signerOrganization());
            s.setString(9, r.signerCommonName());
            s.setString(10, r.signerIssuer());
            s.setString(11, r.apiKeyName());
            s.setObject(12, Timestamps.toDatabase(r.createdAt()));
            s.setString(13, r.signerSha256());
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

    private CredentialRecord read(ResultSet rs) throws SQLException {
        return new CredentialRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), sealer.open(PROVENANCE, rs.getString(7)), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), Timestamps.fromDatabase(rs, 12),
                rs.getString(13));
    }
}
