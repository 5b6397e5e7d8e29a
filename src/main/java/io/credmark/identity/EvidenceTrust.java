package io.credmark.identity;

import io.credmark.pki.TrustAnchors;

/**
 * The roots a credential's evidence is judged against, one set per kind of certificate, kept apart as verifiers keep
 * them and as {@code GET /v1/trust/anchors} serves them: a creator-identity root confirms creators, never a claim
 * signer, and a C2PA root never confirms a creator (c2pa-rs keeps a CAWG trust list apart from its C2PA one; guide
 * §5.6).
 *
 * @param c2pa the anchors of claim signers
 * @param cawg the anchors of identity credentials ({@code cawg.identity} signers)
 * @param tsa  the anchors of time-stamping authorities
 */
public record EvidenceTrust(TrustAnchors c2pa, TrustAnchors cawg, TrustAnchors tsa) {

    /** Nothing trusted: what holds is at best valid. */
    public static final EvidenceTrust NONE = new EvidenceTrust(TrustAnchors.none(), TrustAnchors.none(),
            TrustAnchors.none());
}
