package io.credmark.credential;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Who signs this installation's credentials, as its certificate names them; kept with each credential so that its
 * page can say who signed without the file.
 *
 * @param organization the subject's O, or {@code null}
 * @param commonName   the subject's CN, or {@code null}
 * @param issuer       the issuer's CN (else O), or {@code null}
 */
public record SignerName(String organization, String commonName, String issuer) {

    public static SignerName of(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        X500Name issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
        String issuerName = attribute(issuer, BCStyle.CN);
        return new SignerName(attribute(subject, BCStyle.O), attribute(subject, BCStyle.CN),
                issuerName != null ? issuerName : attribute(issuer, BCStyle.O));
    }

    /** The organization, else the common name, else "unknown signer". */
    public String display() {
        return organization != null ? organization : commonName != null ? commonName : "unknown signer";
    }

    private static String attribute(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        if (rdns.length == 0) {
            return null;
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return IETFUtils.valueToString(value);
    }
}
