package io.credmark.usage;

import io.credmark.credential.CredentialId;
import java.time.Instant;
import java.util.Optional;

/**
 * A report about a credential, as its creator sees it.
 *
 * @param contact how the reporter can be reached, if they said; shown only to the creator
 * @param note    the creator's private note
 */
public record MisuseReport(String id, CredentialId credential, String credentialUrl, String creatorHandle,
        String category, String message, Optional<String> contact, String status, Optional<String> note,
        Instant createdAt, Instant updatedAt) {
}
