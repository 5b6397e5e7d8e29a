package io.credmark.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a credential's manifest committed to, and who may see what of it.
 *
 * @param digests         the signed digests, decoys included, base64url, separated by spaces
 * @param requestedPolicy the levels the stamp request asked for (JSON policy); never looser than the creator's
 * @param overridePolicy  the creator's policy for this credential alone (JSON), replacing their default
 */
public record CommitmentRecord(long credentialId, String digestAlg, String digests, String requestedPolicy,
        Optional<String> overridePolicy, Optional<Instant> overrideUpdatedAt) {

    public CommitmentRecord {
        Objects.requireNonNull(digestAlg, "digestAlg");
        Objects.requireNonNull(digests, "digests");
        Objects.requireNonNull(requestedPolicy, "requestedPolicy");
        Objects.requireNonNull(overridePolicy, "overridePolicy");
        Objects.requireNonNull(overrideUpdatedAt, "overrideUpdatedAt");
    }
}
