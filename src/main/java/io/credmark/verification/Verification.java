package io.credmark.verification;

import io.credmark.creators.CredentialView;
import io.credmark.credential.CredentialId;
import java.util.Optional;

/**
 * A verification, and what this installation knows about the credential the image names or its watermark leads to.
 *
 * @param claimedId the credmark credential id the active manifest names, if it names one
 * @param known     whether the active manifest is the one this installation issued for that credential (its label
 *                  is the one on record): a manifest signed elsewhere that names one of its ids is not
 * @param sameFile  whether the image is byte for byte the file returned when the credential was issued
 * @param watermark what the invisible watermark says
 * @param recovered the credential the watermark leads to, as the viewer may see it, when the file has no valid
 *                  manifest of its own
 */
public record Verification(VerificationReport report, Optional<CredentialId> claimedId, boolean known,
        boolean sameFile, WatermarkCheck watermark, Optional<CredentialView> recovered) {

    /** The status as the API names it: the report's, or {@code recovered}. */
    public String status() {
        return recovered.isPresent() ? "recovered" : report.status().wireName();
    }
}
