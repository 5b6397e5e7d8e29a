package io.credmark.creators;

import io.credmark.credential.CredentialId;
import java.time.Instant;
import java.util.Optional;

/**
 * One of a creator's credentials in their list.
 *
 * @param registeredModel the registered model the stamp named
 * @param override        whether the creator set a policy for this credential alone
 */
public record CreatorCredential(CredentialId id, String url, String modelName, String mediaType, Instant createdAt,
        Optional<String> registeredModel, boolean override) {
}
