package io.credmark.pki;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The end-entity certificate profile of C2PA (specification §14.5.1), as the reference validator c2pa-rs enforces
 * it on the certificate that signs a claim. A certificate with problems makes validators report
 * {@code signingCredential.invalid}, or, for a missing organisation, {@code claimSignature.mismatch}.
 *
 * <p>Validity in time is not part of the profile; see {@link #validAt(X509Certificate, Instant)}.
 */
public final class CertificateProfile {

    /** One way in which a certificate misses the profile. */
    public record Problem(Kind kind, String message) {

        public enum Kind {
            /** The certificate breaks the profile; validators report {@code signingCredential.invalid}. */
            INVALID,
            /**
             * The subject has no Organization (O) attribute. c2pa-rs needs it to name the signer and fails the
             * signature check instead, reporting {@code claimSignature.mismatch}.
             */
            MISSING_ORGANIZATION
        }

        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return kind + ": " + message;
        }
    }

    /** The purposes a C2PA signer may carry; c2pa-rs's defaults (its {@code valid_eku_oids.cfg} plus built-ins). */
    private static final Set<String> ALLOWED_EKUS = Set.of(Oids.EKU_EMAIL_PROTECTION, Oids.EKU_TIME_STAMPING,
            Oids.EKU_OCSP_SIGNING, Oids.EKU_DOCUMENT_SIGNING, Oids.EKU_C2PA_CLAIM_SIGNING, Oids.EKU_MICROSOFT_C2PA);

    /** Critical extensions a validator is expected to process (RFC 5280 §4.2: others make the certificate unusable). */
    private static final Set<String> RECOGNISED_EXTENSIONS = Set.of(Oids.BASIC_CONSTRAINTS, Oids.KEY_USAGE,
            Oids.EXTENDED_KEY_USAGE, Oids.SUBJECT_ALT_NAME, Oids.SUBJECT_KEY_IDENTIFIER, Oids.AUTHORITY_KEY_IDENTIFIER,
            Oids.CERTIFICATE_POLICIES, Oids.POLICY_MAPPINGS, Oids.NAME_CONSTRAINTS, Oids.POLICY_CONSTRAINTS,
            Oids.CRL_DISTRIBUTION_POINTS, Oids.INHIBIT_ANY_POLICY, Oids.AUTHORITY_INFO_ACCESS,
            Oids.NETSCAPE_CERT_TYPE);

    private static final Set<String> NAMED_CURVES = Set.of(Oids.CURVE_P256, Oids.CURVE_P384, Oids.CURVE_P521);

    // KeyUsage bit positions, RFC 5280 §4.2.1.3.
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_CERT_SIGN = 5;

    private CertificateProfile() {
    }

    /** Everything that keeps {@code signer} from being a valid C2PA signing certificate; empty when it is one. */
    public static List<Problem> problems(X509Certificate signer) {
        Objects.requireNonNull(signer, "signer");
        List<Problem> problems = new ArrayList<>();
        checkStructure(signer, problems);
        String algorithmProblem = SignatureAlgorithms.problem(signer);
        if (algorithmProblem != null) {
            problems.add(invalid(algorithmProblem));
        }
        checkPublicKey(signer.getPublicKey(), problems);
        boolean ca = signer.getBasicConstraints() >= 0;
        if (ca) {
            problems.add(invalid("is a CA certificate (basicConstraints cA=true); a signer must be an end entity"));
        }
        if (signer.getExtensionValue(Oids.AUTHORITY_KEY_IDENTIFIER) == null) {
            problems.add(invalid("has no AuthorityKeyIdentifier extension"));
        }
        checkKeyUsage(signer.getKeyUsage(), ca, problems);
        checkExtendedKeyUsage(signer, problems);
        checkCriticalExtensions(signer, problems);
        if (!hasOrganization(signer)) {
            problems.add(new Problem(Problem.Kind.MISSING_ORGANIZATION,
                    "subject has no Organization (O) attribute"));
        }
        return List.copyOf(problems);
    }

    /** Whether {@code at} lies within the certificate's notBefore..notAfter, both inclusive (RFC 5280 §4.1.2.5). */
    public static boolean validAt(X509Certificate certificate, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
            return true;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return false;
        }
    }

    private static void checkStructure(X509Certificate certificate, List<Problem> problems) {
        if (certificate.getVersion() != 3) {
            problems.add(invalid("is an X.509 v" + certificate.getVersion() + " certificate; v3 is required"));
        }
        // RFC 5280 §4.1.2.8: conforming CAs must not generate unique identifiers.
        if (certificate.getIssuerUniqueID() != null || certificate.getSubjectUniqueID() != null) {
            problems.add(invalid("has issuer or subject unique identifiers"));
        }
    }

    private static void checkPublicKey(PublicKey publicKey, List<Problem> problems) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        } catch (RuntimeException e) {
            problems.add(invalid("public key cannot be parsed"));
            return;
        }
        String algorithm = info.getAlgorithm().getAlgorithm().getId();
        ASN1Encodable parameters = info.getAlgorithm().getParameters();
        switch (algorithm) {
            case Oids.KEY_EC -> {
                if (!(parameters instanceof ASN1ObjectIdentifier curve) || !NAMED_CURVES.contains(curve.getId())) {
                    problems.add(invalid("EC public key is not on P-256, P-384 or P-521"));
                }
            }
            case Oids.KEY_RSA, Oids.KEY_RSASSA_PSS -> {
                if (publicKey instanceof RSAPublicKey rsa) {
                    int bits = rsa.getModulus().bitLength();
                    if (bits < KeyType.MINIMUM_RSA_BITS) {
                        problems.add(invalid("RSA public key has " + bits + " bits; at least "
                                + KeyType.MINIMUM_RSA_BITS + " are required"));
                    }
                    BigInteger exponent = rsa.getPublicExponent();
                    if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)) {
                        problems.add(invalid("RSA public exponent is not an odd number of at least 3"));
                    }
                } else {
                    problems.add(invalid("RSA public key cannot be read"));
                }
            }
            case Oids.KEY_ED25519 -> {
                // RFC 8410 §3: "the parameters MUST be absent".
                if (parameters != null) {
                    problems.add(invalid("Ed25519 public key has algorithm parameters"));
                }
            }
            default -> problems.add(invalid("public key algorithm " + publicKey.getAlgorithm() + " (" + algorithm
                    + ") is not allowed; use EC P-256/384/521, RSA or Ed25519"));
        }
    }

    private static void checkKeyUsage(boolean[] keyUsage, boolean ca, List<Problem> problems) {
        if (keyUsage == null) {
            problems.add(invalid("has no KeyUsage extension"));
            return;
        }
        if (!bit(keyUsage, DIGITAL_SIGNATURE) && !bit(keyUsage, NON_REPUDIATION)) {
            problems.add(invalid("KeyUsage has neither digitalSignature nor nonRepudiation"));
        }
        if (bit(keyUsage, KEY_CERT_SIGN) && !ca) {
            problems.add(invalid("KeyUsage has keyCertSign but the certificate is not a CA"));
        }
    }

    private static void checkExtendedKeyUsage(X509Certificate certificate, List<Problem> problems) {
        List<String> purposes;
        try {
            purposes = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            problems.add(invalid("ExtendedKeyUsage extension cannot be parsed"));
            return;
        }
        if (purposes == null) {
            problems.add(invalid("has no ExtendedKeyUsage extension"));
            return;
        }
        if (purposes.contains(Oids.EKU_ANY)) {
            problems.add(invalid("ExtendedKeyUsage contains anyExtendedKeyUsage"));
        }
        if (purposes.stream().noneMatch(ALLOWED_EKUS::contains)) {
            problems.add(invalid("ExtendedKeyUsage has no C2PA signing purpose (e.g. c2pa-kp-claimSigning "
                    + Oids.EKU_C2PA_CLAIM_SIGNING + " or id-kp-documentSigning " + Oids.EKU_DOCUMENT_SIGNING + ")"));
        }
        // Time-stamping and OCSP-signing keys must be dedicated to that one purpose (RFC 3161 §2.3, RFC 6960 §4.2.2.2).
        boolean timeStamping = purposes.contains(Oids.EKU_TIME_STAMPING);
        boolean ocspSigning = purposes.contains(Oids.EKU_OCSP_SIGNING);
        if ((timeStamping || ocspSigning) && purposes.size() > 1) {
            problems.add(invalid("ExtendedKeyUsage combines timeStamping or OCSPSigning with other purposes"));
        }
    }

    private static void checkCriticalExtensions(X509Certificate certificate, List<Problem> problems) {
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        if (critical == null) {
            return;
        }
        critical.stream()
                .filter(oid -> !RECOGNISED_EXTENSIONS.contains(oid))
                .sorted()
                .forEach(oid -> problems.add(invalid("has an unrecognised critical extension " + oid)));
    }

    private static boolean hasOrganization(X509Certificate certificate) {
        X500Name subject;
        try {
            subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        } catch (IllegalArgumentException unreadable) {
            return false; // the JDK accepts some subjects BouncyCastle cannot parse: no Organization can be read
        }
        return subject.getRDNs(BCStyle.O).length > 0;
    }

    private static boolean bit(boolean[] bits, int index) {
        return bits.length > index && bits[index];
    }

    private static Problem invalid(String message) {
        return new Problem(Problem.Kind.INVALID, message);
    }
}
