package io.credmark.access;

import java.time.Instant;
import java.util.Optional;

/** An API key as its holders and administrators see it: never the key itself. */
public record ApiKey(String name, ApiKeyRole role, Instant createdAt, Optional<Instant> revokedAt) {

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
