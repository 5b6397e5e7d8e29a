package io.credmark.credential;

import io.credmark.provenance.ProvenanceDocument;
import java.time.Instant;

/**
 * A credential this installation issued, as its record keeps it.
 *
 * @param sha256     of the stamped file as it was returned, lower-case hex
 * @param apiKeyName the API key the stamp was requested with; not part of any public view
 */
public record Credential(CredentialId id, String manifestLabel, String mediaType, String sha256,
        ProvenanceDocument provenance, SignerName signer, String apiKeyName, Instant createdAt) {
}
