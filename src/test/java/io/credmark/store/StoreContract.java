package io.credmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The repositories against a real database; run once per database by the subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {

    private TestDatabase.Provisioned provisioned;
    private Database db;
    private CredentialStore credentials;
    private ValueSealer sealer;
    private ApiKeyRepository keys;

    abstract TestDatabase database();

    @BeforeAll
    void open(@TempDir Path directory) {
        provisioned = database().provision(directory);
        db = Database.open(provisioned.url());
        sealer = ValueSealer.random();
        credentials = new CredentialStore(db, sealer);
        keys = new ApiKeyRepository(db);
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
        if (provisioned != null) {
            provisioned.close();
        }
    }

    @Test
    void aCredentialRoundTripsWithEveryField() {
        String provenance = "{\"creator\":{\"handle\":\"ünïcødé 🖌\"},\"model\":{\"name\":\"" + "m".repeat(70_000)
                + "\"},\"generation\":{\"prompt\":\"<script>'\\\"\"}}";
        CredentialRecord r = new CredentialRecord(Long.MIN_VALUE + 7, "urn:c2pa:0f1e2d3c-aaaa-bbbb-cccc-0123456789ab",
                "image/png", "ab".repeat(32), "ünïcødé 🖌", "m".repeat(70_000), provenance, "credmark development",
                "credmark development signer (EC P-256)", null, "front-end-1",
                Timestamps.storable(Instant.parse("2026-03-04T05:06:07.123456789Z")), "5e".repeat(32));
        credentials.insert(r);
        assertEquals(Optional.of(r), credentials.find(r.id()));
        assertEquals(Optional.of("5e".repeat(32)), credentials.issued(r.id()).orElseThrow().signerSha256());
        assertEquals(Instant.parse("2026-03-04T05:06:07.123456Z"), credentials.find(r.id()).orElseThrow().createdAt());
    }

    @Test
    void aCredentialIssuedBeforeSignersWereRecordedHasNoSignerOnRecord() {
        credentials.insert(credential(77, "older"));
        assertEquals(Optional.empty(), credentials.issued(77).orElseThrow().signerSha256());
    }

    @Test
    void anIdentityKeyInTheTokenIsKeptByItsLabelWithNoPrivateKey() {
        Instant now = Timestamps.storable(Instant.parse("2026-12-03T10:00:00Z"));
        new CreatorRepository(db).insert(new CreatorRecord("keys.in.token", "ab".repeat(32), "{}", now, now));
        CreatorIdentityRepository identities = new CreatorIdentityRepository(db, sealer);
        assertEquals(0, identities.tokenKeyCount("keys.in.token"));
        assertTrue(identities.reserveTokenKey("credmark-identity-keys.in.token-1", "keys.in.token", now));
        assertFalse(identities.reserveTokenKey("credmark-identity-keys.in.token-1", "keys.in.token", now),
                "a label is taken once, whichever node asks");
        assertEquals(1, identities.tokenKeyCount("keys.in.token"));

        CreatorIdentityRepository.IdentityRecord inToken = new CreatorIdentityRepository.IdentityRecord(
                "keys.in.token", "Keys", "CERT-1", Optional.empty(), Optional.of("credmark-identity-keys.in.token-1"),
                now);
        identities.insertCredential(inToken);
        assertEquals(Optional.of(inToken), identities.credential("keys.in.token"));
        // moved back to a key the service holds (sealed), then into the token again: one of the two, always
        CreatorIdentityRepository.IdentityRecord held = new CreatorIdentityRepository.IdentityRecord("keys.in.token",
                "Keys", "CERT-2", Optional.of("KEY PEM"), Optional.empty(), now);
        assertTrue(identities.replaceCredential("CERT-1", held));
        assertEquals(Optional.of(held), identities.credential("keys.in.token"));
        assertTrue(identities.replaceCredential("CERT-2", inToken));
        assertEquals(Optional.of(inToken), identities.credential("keys.in.token"));
        assertThrows(IllegalArgumentException.class, () -> new CreatorIdentityRepository.IdentityRecord(
                "keys.in.token", "Keys", "CERT-3", Optional.empty(), Optional.empty(), now));
    }

    @Test
    void anUnknownIdIsEmpty() {
        assertEquals(Optional.empty(), credentials.find(42));
    }

    @Test
    void aTakenIdIsRefusedAndTheFirstRecordStays() {
        CredentialRecord first = credential(1234567890123L, "first");
        credentials.insert(first);
        assertThrows(DuplicateKeyException.class, () -> credentials.insert(credential(1234567890123L, "second")));
        assertEquals("first", credentials.find(1234567890123L).orElseThrow().apiKeyName());
    }

    @Test
    void apiKeysAreFoundByHashAndRevokedOnce() {
        Instant created = Timestamps.storable(Instant.now());
        ApiKeyRecord k = new ApiKeyRecord("front-end-a", "cd".repeat(32), "stamp", created, Optional.empty());
        keys.insert(k);
        assertEquals(Optional.of(k), keys.findByHash("cd".repeat(32)));
        assertEquals(Optional.of(k), keys.find("front-end-a"));
        assertEquals(Optional.empty(), keys.findByHash("ef".repeat(32)));

        Instant revoked = created.plusSeconds(60);
        ApiKeyRecord once = keys.revoke("front-end-a", revoked).orElseThrow();
        assertEquals(Optional.of(revoked), once.revokedAt());
        ApiKeyRecord twice = keys.revoke("front-end-a", revoked.plusSeconds(60)).orElseThrow();
        assertEquals(Optional.of(revoked), twice.revokedAt(), "revoking again keeps the first time");
        assertTrue(keys.findByHash("cd".repeat(32)).orElseThrow().isRevoked());
        assertEquals(Optional.empty(), keys.revoke("nobody", revoked));
    }

    @Test
    void keyNamesAndHashesAreUnique() {
        Instant now = Timestamps.storable(Instant.now());
        keys.insert(new ApiKeyRecord("unique-a", "01".repeat(32), "admin", now, Optional.empty()));
        assertThrows(DuplicateKeyException.class, () -> keys.insert(
                new ApiKeyRecord("unique-a", "02".repeat(32), "stamp", now, Optional.empty())));
        assertThrows(DuplicateKeyException.class, () -> keys.insert(
                new ApiKeyRecord("unique-b", "01".repeat(32), "stamp", now, Optional.empty())));
        List<String> names = keys.list().stream().map(ApiKeyRecord::name).toList();
        assertTrue(names.contains("unique-a"));
        assertFalse(names.contains("unique-b"));
    }

    @Test
    void migratingAgainChangesNothing() {
        CredentialRecord r = credential(99, "kept");
        credentials.insert(r);
        try (Database again = Database.open(provisioned.url())) {
            assertEquals(Optional.of(r), new CredentialStore(again, sealer).find(99));
            assertTrue(again.isReachable());
        }
    }

    @Test
    void aTransactionThatFailsLeavesNothing() {
        assertThrows(DuplicateKeyException.class, () -> db.transaction(c -> {
            try (var s = c.prepareStatement("INSERT INTO api_keys (name, key_hash, role, created_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, "tx-a");
                s.setString(2, "aa".repeat(32));
                s.setString(3, "stamp");
                s.setObject(4, java.time.OffsetDateTime.now());
                s.executeUpdate();
                s.setString(1, "tx-a");
                s.setString(2, "bb".repeat(32));
                s.executeUpdate();
            }
            return null;
        }));
        assertEquals(Optional.empty(), keys.find("tx-a"));
    }

    @Test
    void passwordsAreRedactedFromDescriptions() {
        assertEquals("jdbc:postgresql://h:5432/d?user=u&password=***&ssl=true",
                Database.redact("jdbc:postgresql://h:5432/d?user=u&password=s3cret&ssl=true"));
        assertEquals("jdbc:postgresql://u:***@h/d", Database.redact("jdbc:postgresql://u:s3cret@h/d"));
        assertFalse(db.description().contains("password=credmark"));
    }

    /** The provenance document is sealed in its column; a row stored before sealing still reads. */
    @Test
    void provenanceIsSealedAtRestAndARowStoredBeforeSealingStillReadsUntilSealed() {
        CredentialRecord r = credential(4242, "sealed");
        credentials.insert(r);
        String stored = db.run(c -> {
            try (var s = c.prepareStatement("SELECT provenance FROM credentials WHERE id = 4242");
                    var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertTrue(stored.startsWith(ValueSealer.PREFIX), stored);
        assertFalse(stored.contains(r.provenanceJson()), stored);
        db.run(c -> {
            try (var s = c.prepareStatement("UPDATE credentials SET provenance = ? WHERE id = 4242")) {
                s.setString(1, r.provenanceJson());
                return s.executeUpdate();
            }
        });
        assertEquals(Optional.of(r), credentials.find(4242));
        assertTrue(credentials.sealStoredValues() >= 1);
        assertEquals(0, credentials.sealStoredValues(), "sealed values are left as they are");
        assertEquals(Optional.of(r), credentials.find(4242));
    }

    private static CredentialRecord credential(long id, String apiKey) {
        return new CredentialRecord(id, "urn:c2pa:" + id, "image/jpeg", "00".repeat(32), "h", "m",
                "{\"creator\":{\"handle\":\"h\"},\"model\":{\"name\":\"m\"}}", null, null, null, apiKey,
                Timestamps.storable(Instant.now()), null);
    }
}
