package io.credmark.c2pa.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.CoseException;
import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.claim.Claim;
import io.credmark.c2pa.claim.HashedUri;
import io.credmark.c2pa.claim.JumbfUri;
import io.credmark.c2pa.cose.CoseAlgorithm;
import io.credmark.c2pa.cose.CoseSign1;
import io.credmark.pki.TrustEvaluator;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * CAWG identity assertions with X.509 credentials ({@code cawg.identity}, sig_type {@code cawg.x509.cose}): the
 * signer payload must reference the claim's own hashed URIs, hard binding included, and carry a COSE signature by
 * a credential. The credential's trust is judged against the CAWG trust list, separate from C2PA's, and an
 * untrusted credential is tolerated for the manifest's state, as c2pa-rs does.
 */
final class CawgIdentityCheck {

    static final String LABEL = "cawg.identity";
    private static final String X509_COSE = "cawg.x509.cose";

    private CawgIdentityCheck() {
    }

    static void check(String manifest, String assertionLabel, JsonNode node, Claim claim, TrustEvaluator cawgTrust,
            Instant now, StatusLog log) {
        String url = JumbfUri.absolute(manifest, "c2pa.assertions", assertionLabel);
        JsonNode payload = node.path("signer_payload");
        if (!payload.isObject() || !node.path("signature").isBinary() || !payload.path("referenced_assertions").isArray()) {
            log.add("cawg.identity.cbor.invalid", url, "identity assertion is malformed");
            return;
        }
        if (!X509_COSE.equals(payload.path("sig_type").asText())) {
            log.add("cawg.identity.sig_type.unknown", url, "unsupported identity signature type "
                    + payload.path("sig_type").asText());
            return;
        }
        List<HashedUri> referenced = new ArrayList<>();
        for (JsonNode r : payload.get("referenced_assertions")) {
            Optional<HashedUri> u = HashedUri.from(r);
            if (u.isEmpty()) {
                log.add("cawg.identity.cbor.invalid", url, "referenced assertion is not a hashed URI");
                return;
            }
            referenced.add(u.get());
        }
        boolean bindsAsset = false;
        for (HashedUri r : referenced) {
            Optional<HashedUri> inClaim = claim.allAssertions().stream().filter(c -> c.url().equals(r.url())).findFirst();
            if (inClaim.isEmpty() || !Arrays.equals(inClaim.get().hash(), r.hash())) {
                log.add("cawg.identity.assertion.mismatch", url, "referenced assertion does not match the claim: "
                        + r.url());
                return;
            }
            bindsAsset |= HardBindingCheck.isHardBinding(ManifestValidation.baseLabel(
                    ManifestValidation.lastSegment(r.url())));
        }
        if (!bindsAsset) {
            log.add("cawg.identity.hard_binding_missing", url, "identity assertion does not reference the hard binding");
            return;
        }
        CoseSign1 cose;
        List<X509Certificate> chain;
        try {
            cose = CoseSign1.parse(node.get("signature").binaryValue());
            chain = cose.certificateChain();
        } catch (CoseException | IOException e) {
            log.add("cawg.x509.signature.invalid", url, "identity signature cannot be read");
            return;
        }
        Optional<CoseAlgorithm> alg = cose.algorithm();
        if (alg.isEmpty() || !cose.verify(alg.get(), chain.get(0), signerPayload(referenced, payload))) {
            log.add("cawg.x509.signature.invalid", url, "identity signature does not match");
            return;
        }
        log.add("cawg.x509.signature.validated", url, "identity signature valid");
        log.add(StatusCode.CAWG_IDENTITY_VALIDATED, url, "identity assertion well-formed");
        boolean trusted = cawgTrust.evaluate(chain, now).trusted();
        log.add(trusted ? StatusCode.CAWG_X509_TRUSTED : StatusCode.CAWG_X509_UNTRUSTED, url,
                trusted ? "identity credential trusted" : "identity credential is not on the CAWG trust list");
    }

    /**
     * The bytes the identity signature covers: the signer payload re-encoded with definite lengths and keys in the
     * order {@code referenced_assertions, sig_type, role}, which is what c2pa-rs signs and verifies.
     */
    private static byte[] signerPayload(List<HashedUri> referenced, JsonNode payload) {
        JsonNode roles = payload.path("role");
        CborWriter w = new CborWriter().map(roles.isArray() ? 3 : 2).key("referenced_assertions")
                .array(referenced.size());
        referenced.forEach(r -> r.writeTo(w));
        w.endArray().key("sig_type").text(payload.get("sig_type").asText());
        if (roles.isArray()) {
            w.key("role").array(roles.size());
            roles.forEach(r -> w.text(r.asText()));
            w.endArray();
        }
        return w.endMap().toByteArray();
    }
}
