package io.credmark.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A model creator as stored.
 *
 * @param tokenHash       lower-case hex SHA-256 of the creator's token (the token itself is never stored)
 * @param disclosureJson  the creator's default disclosure policy, JSON
 * @param policyUpdatedAt when that policy last changed (the creation time at first)
 */
public record CreatorRecord(String handle, String tokenHash, String disclosureJson, Instant createdAt,
        Instant policyUpdatedAt) {

    public CreatorRecord {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(disclosureJson, "disclosureJson");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(policyUpdatedAt, "policyUpdatedAt");
    }
}
