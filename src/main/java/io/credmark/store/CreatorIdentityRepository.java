package io.credmark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code creator_identities}, {@code creator_identity_token_keys}, {@code creator_grants} and {@code
 * credential_identities} tables: creators' identity credentials (private keys sealed with the store key, or the
 * label of a key in the PKCS#11 token), the front ends they allow to sign in their name,
 * and which credentials carry a creator's own identity signature. Nothing is cached: a revoked grant is gone for
 * every node with the commit that removes it.
 */
public final class CreatorIdentityRepository {

    private static final String PRIVATE_KEY = "creator_identities.private_key";

    private final Database db;
    private final ValueSealer sealer;

    public CreatorIdentityRepository(Database db, ValueSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    /**
     * A creator's identity credential: exactly one of {@code keyPem} and {@code tokenKey} is present.
     *
     * @param keyPem   the PKCS#8 private key, PEM, in the clear (sealed only in the database), when the service holds
     *                 the key
     * @param tokenKey the key's label on the PKCS#11 token, when the token holds the key
     */
    public record IdentityRecord(String handle, String displayName, String certificatePem, Optional<String> keyPem,
            Optional<String> tokenKey, Instant issuedAt) {
        public IdentityRecord {
            if (keyPem.isPresent() == tokenKey.isPresent()) {
                throw new IllegalArgumentException("an identity key is either sealed here or on the token");
            }
        }

        @Override
        public String toString() {
            return "IdentityRecord[" + handle + ", " + displayName + ", key hidden]";
        }
    }

    /** A front end allowed to sign with a creator's identity. */
    public record GrantRecord(String apiKeyName, Instant grantedAt) {
    }

    /** A credential whose manifest carries its creator's identity signature. */
    public record ConfirmedRecord(long credentialId, String handle, String displayName, Instant signedAt) {
    }

    public Optional<IdentityRecord> credential(String handle) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT handle, display_name, certificate, private_key,"
                    + " token_key, issued_at FROM creator_identities WHERE handle = ?")) {
                s.setString(1, handle);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new IdentityRecord(rs.getString(1), rs.getString(2),
                            rs.getString(3), Optional.ofNullable(rs.getString(4)).map(k -> sealer.open(PRIVATE_KEY, k)),
                            Optional.ofNullable(rs.getString(5)), Timestamps.fromDatabase(rs, 6)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * Records a creator's first credential.
     *
     * @throws DuplicateKeyException when another node recorded one first; read that one
     */
    public void insertCredential(IdentityRecord r) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO creator_identities (handle, display_name,"
                    + " certificate, private_key, token_key, issued_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.handle());
                s.setString(2, r.displayName());
                s.setString(3, r.certificatePem());
                s.setString(4, sealedKey(r));
                s.setString(5, r.tokenKey().orElse(null));
                s.setObject(6, Timestamps.toDatabase(r.issuedAt()));
                return s.executeUpdate();
            }
        });
    }

    /**
     * Replaces the credential whose certificate is {@code replacedCertificatePem} (a renewal, or a new name).
     *
     * @return false when another node replaced it first; read that one
     */
    public boolean replaceCredential(String replacedCertificatePem, IdentityRecord r) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE creator_identities SET display_name = ?,"
                    + " certificate = ?, private_key = ?, token_key = ?, issued_at = ? WHERE handle = ? AND"
                    + " certificate = ?")) {
                s.setString(1, r.displayName());
                s.setString(2, r.certificatePem());
                s.setString(3, sealedKey(r));
                s.setString(4, r.tokenKey().orElse(null));
                s.setObject(5, Timestamps.toDatabase(r.issuedAt()));
                s.setString(6, r.handle());
                s.setString(7, replacedCertificatePem);
                return s.executeUpdate() == 1;
            }
        });
    }

    private String sealedKey(IdentityRecord r) {
        return r.keyPem().map(k -> sealer.seal(PRIVATE_KEY, k)).orElse(null);
    }

    /** How many labels were taken for the creator's keys on the PKCS#11 token. */
    public int tokenKeyCount(String handle) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM creator_identity_token_keys WHERE"
                    + " handle = ?")) {
                s.setString(1, handle);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * Takes {@code label} for a key of the creator's about to be made on the PKCS#11 token.
     *
     * @return false when another node took it first; take another
     */
    public boolean reserveTokenKey(String label, String handle, Instant at) {
        try {
            return db.run(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO creator_identity_token_keys (label,"
                        + " handle, created_at) VALUES (?, ?, ?)")) {
                    s.setString(1, label);
                    s.setString(2, handle);
                    s.setObject(3, Timestamps.toDatabase(at));
                    return s.executeUpdate() == 1;
                }
            });
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** The front ends the creator allows, by name. */
    public List<GrantRecord> grants(String handle) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT api_key_name, granted_at FROM creator_grants"
                    + " WHERE handle = ? ORDER BY api_key_name")) {
                s.setString(1, handle);
                try (ResultSet rs = s.executeQuery()) {
                    List<GrantRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new GrantRecord(rs.getString(1), Timestamps.fromDatabase(rs, 2)));
                    }
                    return out;
                }
            }
        });
    }

    /** Whether the creator allows the API key named {@code apiKeyName} now. */
    public boolean granted(String handle, String apiKeyName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM creator_grants WHERE handle = ? AND"
                    + " api_key_name = ?")) {
                s.setString(1, handle);
                s.setString(2, apiKeyName);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Replaces the creator's grants with {@code apiKeyNames}, in one transaction; names kept keep their grant time.
     */
    public void replaceGrants(String handle, List<String> apiKeyNames, Instant at) {
        db.transaction(c -> {
            List<String> kept = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT api_key_name FROM creator_grants WHERE handle = ?")) {
                s.setString(1, handle);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        kept.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM creator_grants WHERE handle = ? AND"
                    + " api_key_name = ?")) {
                for (String old : kept) {
                    if (!apiKeyNames.contains(old)) {
                        d.setString(1, handle);
                        d.setString(2, old);
                        d.executeUpdate();
                    }
                }
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO creator_grants (handle, api_key_name,"
                    + " granted_at) VALUES (?, ?, ?)")) {
                for (String name : apiKeyNames) {
                    if (!kept.contains(name)) {
                        i.setString(1, handle);
                        i.setString(2, name);
                        i.setObject(3, Timestamps.toDatabase(at));
                        i.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** The creator's identity signature on a credential, when its manifest carries one. */
    public Optional<ConfirmedRecord> confirmed(long credentialId) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT credential_id, handle, display_name, signed_at FROM"
                    + " credential_identities WHERE credential_id = ?")) {
                s.setLong(1, credentialId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new ConfirmedRecord(rs.getLong(1), rs.getString(2),
                            rs.getString(3), Timestamps.fromDatabase(rs, 4))) : Optional.empty();
                }
            }
        });
    }
}
