package io.credmark.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One revision of a registered model as it was time-stamped.
 *
 * @param statement     the statement time-stamped, canonical JSON
 * @param token         the RFC 3161 token over its SHA-256; absent when none could be obtained
 * @param timeStampedAt the token's time
 */
public record ModelTimeStampRecord(String modelId, int revision, String statement, Optional<byte[]> token,
        Optional<Instant> timeStampedAt) {

    public ModelTimeStampRecord {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(statement, "statement");
        token = token.map(byte[]::clone);
    }
}
