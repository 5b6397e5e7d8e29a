package io.credmark.pki;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The certificate signature algorithms C2PA accepts (specification §14.5.1, as c2pa-rs checks them): ECDSA and
 * PKCS#1 v1.5 RSA with SHA-256/384/512, RSASSA-PSS with one SHA-2 hash for both digest and MGF1, and Ed25519.
 */
final class SignatureAlgorithms {

    private static final Set<String> PLAIN = Set.of(Oids.ECDSA_SHA256, Oids.ECDSA_SHA384, Oids.ECDSA_SHA512,
            Oids.RSA_SHA256, Oids.RSA_SHA384, Oids.RSA_SHA512);
    private static final Set<String> SHA2 = Set.of(Oids.SHA256, Oids.SHA384, Oids.SHA512);

    private SignatureAlgorithms() {
    }

    /** Why the certificate's signature algorithm is not accepted, or {@code null} when it is. */
    static String problem(X509Certificate certificate) {
        String oid = certificate.getSigAlgOID();
        byte[] parameters = certificate.getSigAlgParams();
        if (PLAIN.contains(oid)) {
            return null;
        }
        if (Oids.ED25519.equals(oid)) {
            // RFC 8410 §3: "the parameters MUST be absent".
            return parameters == null ? null : "Ed25519 signature algorithm has parameters";
        }
        if (Oids.RSASSA_PSS.equals(oid)) {
            return pssProblem(parameters);
        }
        return "signature algorithm " + certificate.getSigAlgName() + " (" + oid + ") is not allowed";
    }

    private static String pssProblem(byte[] encoded) {
        if (encoded == null) {
            return "RSASSA-PSS signature without parameters";
        }
        try {
            // Absent fields default to SHA-1 (RFC 4055 §3.1), which then fails the SHA-2 test below.
            RSASSAPSSparams parameters = RSASSAPSSparams.getInstance(ASN1Primitive.fromByteArray(encoded));
            String hash = parameters.getHashAlgorithm().getAlgorithm().getId();
            AlgorithmIdentifier mgfHash = AlgorithmIdentifier.getInstance(
                    parameters.getMaskGenAlgorithm().getParameters());
            if (mgfHash == null || !hash.equals(mgfHash.getAlgorithm().getId())) {
                return "RSASSA-PSS signature uses different digest and MGF1 hashes";
            }
            if (!SHA2.contains(hash)) {
                return "RSASSA-PSS signature hash " + hash + " is not SHA-256, SHA-384 or SHA-512";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "RSASSA-PSS signature parameters cannot be parsed";
        }
    }
}
