package io.credmark.c2pa.validate;

import io.credmark.bytes.Sha256;
import io.credmark.c2pa.CoseException;
import io.credmark.c2pa.claim.Claim;
import io.credmark.c2pa.claim.JumbfUri;
import io.credmark.c2pa.cose.CoseAlgorithm;
import io.credmark.c2pa.cose.CoseSign1;
import io.credmark.c2pa.jumbf.ContentBox;
import io.credmark.c2pa.jumbf.JumbfUuids;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.pki.CertificateProfile;
import io.credmark.pki.TrustEvaluator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Spec 2.2 §15.7: the claim signature. Resolves it, reads the COSE structure, checks the algorithm, the time-stamp,
 * the signer certificate's profile, validity and trust, and the signature itself over the claim's stored bytes.
 */
final class SignatureCheck {

    private final TrustEvaluator trust;
    private final Instant now;

    SignatureCheck(TrustEvaluator trust, Instant now) {
        this.trust = trust;
        this.now = now;
    }

    Optional<SignerInfo> check(SuperBox manifest, Claim claim, StatusLog log) {
        String label = manifest.label();
        String url = JumbfUri.absolute(label, "c2pa.signature");
        Optional<List<String>> target = JumbfUri.resolve(claim.signatureUrl(), label);
        boolean pointsHere = target.isPresent() && target.get().size() == 3 && label.equals(target.get().get(1))
                && "c2pa.signature".equals(target.get().get(2));
        Optional<ContentBox> box = manifest.superBoxes().stream()
                .filter(b -> JumbfUuids.SIGNATURE.equals(b.description().type())).findFirst()
                .flatMap(SuperBox::firstContent);
        if (!pointsHere || box.isEmpty()) {
            log.add(StatusCode.CLAIM_SIGNATURE_MISSING, url, "claim signature not found");
            return Optional.empty();
        }
        CoseSign1 cose;
        List<X509Certificate> chain;
        try {
            cose = CoseSign1.parse(box.get().payload().toByteArray());
            chain = cose.certificateChain();
        } catch (CoseException e) {
            log.add(StatusCode.CLAIM_SIGNATURE_MISMATCH, url, e.getMessage());
            return Optional.empty();
        }
        Optional<CoseAlgorithm> algorithm = cose.algorithm();
        if (algorithm.isEmpty()) {
            log.add(StatusCode.ALGORITHM_UNSUPPORTED, url, "unsupported signature algorithm "
                    + cose.algorithmId().map(String::valueOf).orElse("(none)"));
            return Optional.empty();
        }
        X509Certificate leaf = chain.get(0);
        Optional<TimeStampCheck.Stamp> stamp = TimeStampCheck.check(cose, claim, trust, url, log);
        // c2pa-rs takes the signing time from a time-stamp only when the TSA is trusted; otherwise "now" applies.
        Instant at = stamp.filter(TimeStampCheck.Stamp::trusted).map(TimeStampCheck.Stamp::time).orElse(now);
        Optional<Instant> stamped = stamp.map(TimeStampCheck.Stamp::time);

        // c2pa-rs judges trust before the certificate profile and expiry; the order shows in the status list
        TrustEvaluator.Result trusted = trust.evaluate(chain, at);
        log.add(trusted.trusted() ? StatusCode.SIGNING_CREDENTIAL_TRUSTED : StatusCode.SIGNING_CREDENTIAL_UNTRUSTED,
                url, trusted.trusted() ? "signing certificate trusted" : "signing certificate untrusted: "
                        + trusted.reason());
        List<CertificateProfile.Problem> problems = CertificateProfile.problems(leaf);
        for (CertificateProfile.Problem p : problems) {
            if (p.kind() == CertificateProfile.Problem.Kind.INVALID) {
                log.add(StatusCode.SIGNING_CREDENTIAL_INVALID, url, p.message());
            }
        }
        boolean hasOrganization = problems.stream()
                .noneMatch(p -> p.kind() == CertificateProfile.Problem.Kind.MISSING_ORGANIZATION);
        boolean inValidity = CertificateProfile.validAt(leaf, at);
        if (!inValidity) {
            log.add(StatusCode.SIGNING_CREDENTIAL_EXPIRED, url, "signing certificate is not valid at " + at);
        }
        if (hasOrganization && cose.verify(algorithm.get(), leaf, claim.bytes())) {
            if (inValidity) {
                log.add(StatusCode.CLAIM_SIGNATURE_INSIDE_VALIDITY, url, "claim signature valid");
            }
            log.add(StatusCode.CLAIM_SIGNATURE_VALIDATED, url, "claim signature valid");
        } else {
            log.add(StatusCode.CLAIM_SIGNATURE_MISMATCH, url, hasOrganization
                    ? "claim signature does not match the claim" : "signing certificate has no Organization (O)");
        }
        log.add(StatusCode.OCSP_SKIPPED, url, "OCSP fetching skipped");
        return Optional.of(signerInfo(leaf, algorithm.get(), stamped));
    }

    static SignerInfo signerInfo(X509Certificate leaf, CoseAlgorithm algorithm, Optional<Instant> stamped) {
        String subject = leaf.getSubjectX500Principal().getName();
        String issuer = leaf.getIssuerX500Principal().getName();
        String issuerName = attribute(issuer, "O").or(() -> attribute(issuer, "CN")).orElse(issuer);
        return new SignerInfo(attribute(subject, "O").orElse(null), attribute(subject, "CN").orElse(null), issuerName,
                algorithm.name(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), stamped,
                fingerprint(leaf));
    }

    private static String fingerprint(X509Certificate leaf) {
        try {
            return Sha256.hex(leaf.getEncoded());
        } catch (CertificateEncodingException e) {
            // parsed from the DER x5chain carries, so it encodes again
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> attribute(String dn, String type) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
