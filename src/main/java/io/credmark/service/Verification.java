package io.credmark.service;

import java.util.Optional;

/**
 * A verification, and what this installation knows about the credential the image names.
 *
 * @param claimedId the credmark credential id the active manifest names, if it names one
 * @param known     whether this installation has that credential on record
 * @param sameFile  whether the image is byte for byte the file returned when the credential was issued
 */
public record Verification(VerificationReport report, Optional<CredentialId> claimedId, boolean known,
        boolean sameFile) {
}
