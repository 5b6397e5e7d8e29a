package io.credmark.store;

import java.time.Instant;

/**
 * One of a creator's credentials, as their list shows it.
 *
 * @param modelId     the registered model the stamp named, or {@code null}
 * @param hasOverride whether the creator set a policy for this credential alone
 */
public record CreatorCredentialRow(long id, String modelName, String mediaType, Instant createdAt, String modelId,
        boolean hasOverride) {
}
