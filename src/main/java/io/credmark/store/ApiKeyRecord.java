package io.credmark.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key as stored: its name, the SHA-256 of the key (the key itself is never stored), its role.
 *
 * @param keyHash lower-case hex SHA-256 of the key's UTF-8 bytes
 * @param role    the role's wire name ({@code admin}, {@code stamp}; the table's check constraint allows no other)
 */
public record ApiKeyRecord(String name, String keyHash, String role, Instant createdAt,
        Optional<Instant> revokedAt) {

    public ApiKeyRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
