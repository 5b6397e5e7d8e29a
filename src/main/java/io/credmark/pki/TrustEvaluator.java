package io.credmark.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a signer's certificate chain is trusted, the way C2PA validators do (specification §14.6): the
 * signing certificate is on the allowed list, or a path leads from it through the supplied intermediates to a
 * trust anchor.
 *
 * <p>On that path every signature must verify with an accepted algorithm, every issuer must be a CA (cA=true,
 * keyCertSign if KeyUsage is present, pathLenConstraint respected, RFC 5280 §6.1.4), and every certificate, the
 * anchor included, must be valid at the given time. An anchor may be an intermediate CA. Extended key usages of CAs
 * are deliberately not chained: C2PA constrains only the signer's own EKU, which {@link CertificateProfile} checks.
 * Revocation is not checked here.
 */
public final class TrustEvaluator {

    /** The verdict, with a short reason fit for a validation report. */
    public record Result(boolean trusted, String reason) {

        public Result {
            Objects.requireNonNull(reason, "reason");
        }

        static Result trusted(String reason) {
            return new Result(true, reason);
        }

        static Result untrusted(String reason) {
            return new Result(false, reason);
        }
    }

    private final TrustAnchors anchors;
    private final Set<X509Certificate> allowed;

    public TrustEvaluator(TrustAnchors anchors) {
        this(anchors, List.of());
    }

    /**
     * @param anchors root or intermediate CA certificates to trust
     * @param allowedEndEntities signing certificates trusted as they are, whoever issued them (C2PA's private
     *        credential store, c2pa-rs's {@code allowed_list})
     */
    public TrustEvaluator(TrustAnchors anchors, List<X509Certificate> allowedEndEntities) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.allowed = Set.copyOf(allowedEndEntities);
    }

    /**
     * @param chain the signing certificate first, then intermediates as found in the signature (in any order,
     *        possibly with extras or a root)
     * @param at when the certificates must be valid: the time-stamp's time, or now
     */
    public Result evaluate(List<X509Certificate> chain, Instant at) {
        Objects.requireNonNull(at, "at");
        if (chain == null || chain.isEmpty()) {
            return Result.untrusted("no signing certificate");
        }
        X509Certificate leaf = chain.get(0);
        if (!CertificateProfile.validAt(leaf, at)) {
            return Result.untrusted("signing certificate " + subject(leaf) + " is not valid at " + at);
        }
        if (allowed.contains(leaf)) {
            return Result.trusted("signing certificate is on the allowed list");
        }
        if (anchors.contains(leaf)) {
            return Result.trusted("signing certificate is itself a trust anchor");
        }
        return new PathSearch(chain.subList(1, chain.size()), at).from(leaf);
    }

    @Override
    public String toString() {
        return "TrustEvaluator[" + anchors.certificates().size() + " anchors, " + allowed.size() + " allowed]";
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /** A depth-first search for an issuer path; remembers the first obstacle to explain a failure. */
    private final class PathSearch {

        private final List<X509Certificate> intermediates;
        private final Instant at;
        private final Set<X509Certificate> onPath = new HashSet<>();
        private String obstacle;
        private X509Certificate deadEnd;
        private int deadEndDepth = -1;
        private X509Certificate anchorReached;

        PathSearch(List<X509Certificate> intermediates, Instant at) {
            this.intermediates = intermediates;
            this.at = at;
        }

        Result from(X509Certificate leaf) {
            if (walk(leaf, 0)) {
                return Result.trusted("issued under trust anchor " + subject(anchorReached));
            }
            if (obstacle != null) {
                return Result.untrusted(obstacle);
            }
            return Result.untrusted("no path to a trust anchor: no trusted issuer found for " + subject(deadEnd));
        }

        /**
         * @param certificate the certificate whose issuer is sought
         * @param caCertificatesBelow the CA certificates between it and the leaf, for pathLenConstraint
         */
        private boolean walk(X509Certificate certificate, int caCertificatesBelow) {
            String algorithmProblem = SignatureAlgorithms.problem(certificate);
            if (algorithmProblem != null) {
                remember(subject(certificate) + ": " + algorithmProblem);
                return false;
            }
            onPath.add(certificate);
            try {
                for (X509Certificate anchor : anchors.certificates()) {
                    if (ChainOrder.signedBy(certificate, anchor) && acceptableIssuer(anchor, caCertificatesBelow)) {
                        anchorReached = anchor;
                        return true;
                    }
                }
                for (X509Certificate candidate : intermediates) {
                    if (!onPath.contains(candidate) && ChainOrder.signedBy(certificate, candidate)
                            && acceptableIssuer(candidate, caCertificatesBelow)
                            && walk(candidate, caCertificatesBelow + 1)) {
                        return true;
                    }
                }
                if (caCertificatesBelow > deadEndDepth) {
                    deadEnd = certificate;
                    deadEndDepth = caCertificatesBelow;
                }
                return false;
            } finally {
                onPath.remove(certificate);
            }
        }

        private boolean acceptableIssuer(X509Certificate issuer, int caCertificatesBelow) {
            int pathLength = issuer.getBasicConstraints();
            boolean[] keyUsage = issuer.getKeyUsage();
            if (pathLength < 0) {
                remember(subject(issuer) + " is not a CA (basicConstraints cA is not true)");
            } else if (caCertificatesBelow > pathLength) {
                remember(subject(issuer) + " may not have " + caCertificatesBelow
                        + " intermediate CA certificates below it (pathLenConstraint " + pathLength + ")");
            } else if (keyUsage != null && (keyUsage.length <= 5 || !keyUsage[5])) {
                remember(subject(issuer) + " may not sign certificates (KeyUsage lacks keyCertSign)");
            } else if (!CertificateProfile.validAt(issuer, at)) {
                remember("certificate " + subject(issuer) + " is not valid at " + at);
            } else {
                return true;
            }
            return false;
        }

        private void remember(String problem) {
            if (obstacle == null) {
                obstacle = problem;
            }
        }
    }
}
