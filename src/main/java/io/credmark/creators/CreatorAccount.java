package io.credmark.creators;

import io.credmark.disclosure.DisclosurePolicy;
import java.time.Instant;

/**
 * A registered model creator: the credentials whose {@code creator.handle} is this handle are theirs to disclose.
 *
 * @param policy the creator's default disclosure policy
 */
public record CreatorAccount(String handle, DisclosurePolicy policy, Instant createdAt, Instant policyUpdatedAt) {
}
