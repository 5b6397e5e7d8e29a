package io.credmark.c2pa.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.CoseException;
import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.assertion.IdentityAssertion;
import io.credmark.c2pa.claim.Claim;
import io.credmark.c2pa.claim.HashedUri;
import io.credmark.c2pa.claim.JumbfUri;
import io.credmark.c2pa.cose.CoseAlgorithm;
import io.credmark.c2pa.cose.CoseSign1;
import io.credmark.pki.CertificateProfile;
import io.credmark.pki.TrustEvaluator;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CAWG identity assertions with X.509 credentials ({@code cawg.identity}, sig_type {@code cawg.x509.cose}): the
 * pads must be zeros, the signer payload must reference the claim's own hashed URIs, hard binding included, each
 * once, and carry a COSE signature by a credential. The credential's trust is judged against the CAWG trust list,
 * separate from C2PA's, and every {@code cawg.x509.*} failure is tolerated for the manifest's state, as c2pa-rs does.
 *
 * <p>Codes are those of CAWG identity 1.3 §8.2.2 as c2pa-rs names them: {@code cawg.x509.signature.validated} /
 * {@code .mismatch}, {@code cawg.x509.credential.trusted} / {@code .untrusted} / {@code .invalid},
 * {@code cawg.x509.algorithm.unsupported}, {@code cawg.x509.signature.outside_validity}, then
 * {@code cawg.identity.well-formed}. c2pa-rs judges the credential's validity at the time of validation, not at
 * the identity signature's time-stamp, and so does this check.
 */
final class CawgIdentityCheck {

    static final String LABEL = IdentityAssertion.LABEL;

    private CawgIdentityCheck() {
    }

    static void check(String manifest, String assertionLabel, JsonNode node, Claim claim, TrustEvaluator cawgTrust,
            Instant now, StatusLog log) {
        String url = JumbfUri.absolute(manifest, "c2pa.assertions", assertionLabel);
        JsonNode payload = node.path("signer_payload");
        if (!payload.isObject() || !node.path("signature").isBinary() || !payload.path("referenced_assertions").isArray()
                || !payload.path("sig_type").isTextual()) {
            log.add(StatusCode.CAWG_IDENTITY_CBOR_INVALID, url, "identity assertion is malformed");
            return;
        }
        if (!zeros(node.path("pad1")) || node.has("pad2") && !zeros(node.path("pad2"))) {
            log.add(StatusCode.CAWG_IDENTITY_PAD_INVALID, url, "identity assertion padding is not all zeros");
            return;
        }
        List<HashedUri> referenced = new ArrayList<>();
        for (JsonNode r : payload.get("referenced_assertions")) {
            Optional<HashedUri> u = HashedUri.from(r);
            if (u.isEmpty()) {
                log.add(StatusCode.CAWG_IDENTITY_CBOR_INVALID, url, "referenced assertion is not a hashed URI");
                return;
            }
            referenced.add(u.get());
        }
        boolean bindsAsset = false;
        Set<String> seen = new HashSet<>();
        for (HashedUri r : referenced) {
            Optional<HashedUri> inClaim = claim.allAssertions().stream().filter(c -> c.url().equals(r.url())).findFirst();
            if (inClaim.isEmpty() || !Arrays.equals(inClaim.get().hash(), r.hash())) {
                log.add(StatusCode.CAWG_IDENTITY_ASSERTION_MISMATCH, url,
                        "referenced assertion does not match the claim: " + r.url());
                return;
            }
            if (!seen.add(r.url())) {
                log.add(StatusCode.CAWG_IDENTITY_ASSERTION_DUPLICATE, url, "assertion referenced twice: " + r.url());
                return;
            }
            bindsAsset |= HardBindingCheck.isHardBinding(ManifestValidation.baseLabel(
                    ManifestValidation.lastSegment(r.url())));
        }
        if (!bindsAsset) {
            log.add(StatusCode.CAWG_IDENTITY_HARD_BINDING_MISSING, url,
                    "identity assertion does not reference the hard binding");
            return;
        }
        String sigType = payload.get("sig_type").asText();
        if (!IdentityAssertion.SIG_TYPE_X509.equals(sigType)) {
            log.add(StatusCode.CAWG_IDENTITY_SIG_TYPE_UNKNOWN, url, "unsupported identity signature type " + sigType);
            return;
        }
        CoseSign1 cose;
        List<X509Certificate> chain;
        try {
            cose = CoseSign1.parse(node.get("signature").binaryValue());
            chain = cose.certificateChain();
        } catch (IOException | RuntimeException e) {
            log.add(StatusCode.CAWG_X509_SIGNATURE_MISMATCH, url, "identity signature cannot be read");
            return;
        }
        if (chain.isEmpty()) {
            log.add(StatusCode.CAWG_X509_SIGNATURE_MISMATCH, url, "identity signature carries no certificate");
            return;
        }
        Optional<CoseAlgorithm> alg = cose.algorithm();
        if (alg.isEmpty()) {
            log.add(StatusCode.CAWG_X509_ALGORITHM_UNSUPPORTED, url, "identity signature algorithm not supported");
            return;
        }
        X509Certificate leaf = chain.get(0);
        byte[] signed = IdentityAssertion.signerPayload(referenced, sigType, roles(payload));
        TimeStampCheck.check(cose, signed, cawgTrust, url, log);
        List<CertificateProfile.Problem> problems = CertificateProfile.problems(leaf);
        if (!problems.isEmpty()) {
            log.add(StatusCode.CAWG_X509_CREDENTIAL_INVALID, url, "identity certificate: " + problems.get(0).message());
        } else if (!CertificateProfile.validAt(leaf, now)) {
            log.add(StatusCode.CAWG_X509_SIGNATURE_OUTSIDE_VALIDITY, url,
                    "identity certificate is not valid at the time of validation");
        } else {
            boolean trusted = cawgTrust.evaluate(chain, now).trusted();
            log.add(trusted ? StatusCode.CAWG_X509_TRUSTED : StatusCode.CAWG_X509_UNTRUSTED, url,
                    trusted ? "identity credential trusted" : "identity credential is not on the CAWG trust list");
        }
        if (!cose.verify(alg.get(), leaf, signed)) {
            log.add(StatusCode.CAWG_X509_SIGNATURE_MISMATCH, url, "identity signature does not match");
            return;
        }
        log.add(StatusCode.CAWG_X509_SIGNATURE_VALIDATED, url, "identity signature valid");
        log.add(StatusCode.CAWG_IDENTITY_WELL_FORMED, url, "identity assertion well-formed");
    }

    private static List<String> roles(JsonNode payload) {
        List<String> roles = new ArrayList<>();
        payload.path("role").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static boolean zeros(JsonNode pad) {
        if (pad.isMissingNode()) {
            return true;
        }
        try {
            byte[] bytes = pad.binaryValue();
            if (bytes == null) {
                return false;
            }
            for (byte b : bytes) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
