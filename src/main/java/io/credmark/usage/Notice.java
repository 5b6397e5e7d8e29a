package io.credmark.usage;

import java.time.Instant;

/**
 * A creator's statement shown with a credential wherever it is checked; the service's, not part of any manifest.
 *
 * @param scope   {@code credential} (this credential alone) or {@code model} (every credential of the model)
 * @param target  the credential id or the model id
 * @param creator the creator's handle, whose token set it
 */
public record Notice(String scope, String target, String creator, String text, Instant updatedAt) {
}
