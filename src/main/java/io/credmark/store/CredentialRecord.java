package io.credmark.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stamp as recorded: enough to show the credential without the file, and to tell whether a file is the one
 * that was returned.
 *
 * @param id                 64 random bits
 * @param sha256             of the stamped file as returned, lower-case hex
 * @param provenanceJson     the provenance document as signed into the manifest, canonical JSON
 * @param signerOrganization the signing certificate's O, or {@code null}
 * @param signerCommonName   its CN, or {@code null}
 * @param signerIssuer       the CN (or O) of its issuer, or {@code null}
 * @param apiKeyName         the API key the stamp was requested with
 * @param signerSha256       SHA-256 of the signing certificate (DER), lower-case hex, or {@code null} for a
 *                           credential issued before it was recorded
 */
public record CredentialRecord(long id, String manifestLabel, String mediaType, String sha256, String creatorHandle,
        String modelName, String provenanceJson, String signerOrganization, String signerCommonName,
        String signerIssuer, String apiKeyName, Instant createdAt, String signerSha256) {

    public CredentialRecord {
        Objects.requireNonNull(manifestLabel, "manifestLabel");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(creatorHandle, "creatorHandle");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(provenanceJson, "provenanceJson");
        Objects.requireNonNull(apiKeyName, "apiKeyName");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
