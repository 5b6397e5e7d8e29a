package io.credmark.identity;

import io.credmark.c2pa.sign.TimeStampUnavailableException;
import io.credmark.c2pa.sign.TimeStamping;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.pki.TrustAnchors;
import java.util.List;
import java.util.Optional;

/**
 * Makes a credential's evidence bundle ({@value EvidenceBundle#FORMAT}), the one way for the service
 * ({@code GET /v1/credentials/{id}/evidence}) and the command line ({@code stamp --evidence-out}) alike: the
 * disclosures chosen and, as {@code signature}, what the manifest's signatures carry with a fresh time-stamp over
 * the claim signature (see {@link SignatureEvidence}).
 */
public final class CredentialEvidence {

    private final TrustAnchors anchors;
    private final TimeStamping timeStamping;

    /**
     * @param anchors      the roots known, to complete each chain up to its root
     * @param timeStamping the authority for fresh time-stamps and whether one is required ({@code tsa.url},
     *                     {@code tsa.required}, as for stamps)
     */
    public CredentialEvidence(TrustAnchors anchors, TimeStamping timeStamping) {
        this.anchors = anchors;
        this.timeStamping = timeStamping;
    }

    /**
     * @param manifest      the credential's manifest label
     * @param credentialId  its id, when the service recorded it
     * @param credentialUrl its page, when the service recorded it
     * @param disclosures   the disclosures to carry
     * @param store         the manifest store holding {@code manifest}
     * @throws io.credmark.InvalidInputException when the store has no such manifest or its signature cannot be read
     * @throws TimeStampUnavailableException     when the authority cannot be reached and a time-stamp is required
     */
    public EvidenceBundle bundle(String manifest, Optional<String> credentialId, Optional<String> credentialUrl,
            List<String> disclosures, byte[] store) {
        return new EvidenceBundle(manifest, credentialId, credentialUrl, disclosures, Optional.of(
                SignatureEvidence.fromManifestStore(store, manifest, anchors, timeStamping).toJson()));
    }

    /**
     * The same bundle without a fresh time-stamp, for an answer that must not depend on the authority being
     * reachable (the stamp's own answer, made after its record is committed): {@code freshTimeStamp} holds only
     * {@code why}.
     *
     * @throws io.credmark.InvalidInputException when the store has no such manifest or its signature cannot be read
     */
    public EvidenceBundle bundleWithoutFreshTimeStamp(String manifest, Optional<String> credentialId,
            Optional<String> credentialUrl, List<String> disclosures, byte[] store, String why) {
        return new EvidenceBundle(manifest, credentialId, credentialUrl, disclosures, Optional.of(
                SignatureEvidence.withoutFreshTimeStamp(store, manifest, anchors, why).toJson()));
    }
}
