package io.credmark.pki;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the certificates of credmark's CAs: roots, intermediates, claim signers, time-stamping authorities and
 * creators' identities. All are signed with ECDSA over SHA-256, since the
 * CA keys are EC P-256.
 */
final class CertificateIssuer {

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final SecureRandom random;

    CertificateIssuer(SecureRandom random) {
        this.random = random;
    }

    /** A self-signed root: cA=true, keyCertSign and cRLSign, SKI, and an AKI naming itself. */
    X509Certificate root(X500Name subject, PublicKey publicKey, PrivateKey privateKey, Instant notBefore,
                         Instant notAfter) {
        byte[] keyId = keyIdentifier(publicKey);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the root certificate", e);
        }
        return sign(builder, privateKey);
    }

    /** A CA that may only issue end-entity certificates (pathLenConstraint 0, RFC 5280 §4.2.1.9). */
    X509Certificate intermediate(X500Name subject, PublicKey publicKey, X509Certificate issuer, PrivateKey issuerKey,
                                 Instant notBefore, Instant notAfter) {
        X509v3CertificateBuilder builder = issuedBy(issuer, subject, publicKey, notBefore, notAfter);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the intermediate certificate", e);
        }
        return sign(builder, issuerKey);
    }

    /**
     * An end-entity certificate with the profile C2PA validators demand (specification §14.5.1): not a CA,
     * digitalSignature only, and the claimSigning and documentSigning purposes.
     *
     * <p>emailProtection is added because c2pa-rs accepts claimSigning and documentSigning only when its EKU
     * configuration lists them, and a verifier that configures trust anchors without one (c2patool
     * {@code --trust_anchors}, or any {@code trust} settings lacking {@code trust_config}) then reports
     * {@code signingCredential.invalid}. emailProtection is accepted under every configuration; the c2pa-rs test
     * certificates carry it for the same reason.
     */
    X509Certificate signer(X500Name subject, PublicKey publicKey, X509Certificate issuer, PrivateKey issuerKey,
                           Instant notBefore, Instant notAfter) {
        return endEntity(subject, publicKey, issuer, issuerKey, notBefore, notAfter, false, null,
                KeyPurposeId.getInstance(new ASN1ObjectIdentifier(Oids.EKU_C2PA_CLAIM_SIGNING)),
                KeyPurposeId.getInstance(new ASN1ObjectIdentifier(Oids.EKU_DOCUMENT_SIGNING)),
                KeyPurposeId.id_kp_emailProtection);
    }

    /**
     * A time-stamping authority's certificate: not a CA, digitalSignature, and timeStamping as its only purpose,
     * critical, as RFC 3161 §2.3 demands; c2pa-rs judges it by the signer profile, which forbids combining
     * timeStamping with anything else.
     */
    X509Certificate timeStamping(X500Name subject, PublicKey publicKey, X509Certificate issuer, PrivateKey issuerKey,
                                 Instant notBefore, Instant notAfter) {
        return endEntity(subject, publicKey, issuer, issuerKey, notBefore, notAfter, true, null,
                KeyPurposeId.id_kp_timeStamping);
    }

    /**
     * A creator's identity certificate for CAWG identity assertions: documentSigning, and the creator's page as a
     * URI subject alternative name, which verifiers show next to the name.
     */
    X509Certificate identity(X500Name subject, PublicKey publicKey, URI page, X509Certificate issuer,
                             PrivateKey issuerKey, Instant notBefore, Instant notAfter) {
        return endEntity(subject, publicKey, issuer, issuerKey, notBefore, notAfter, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, page.toString())),
                KeyPurposeId.getInstance(new ASN1ObjectIdentifier(Oids.EKU_DOCUMENT_SIGNING)),
                KeyPurposeId.id_kp_emailProtection);
    }

    private X509Certificate endEntity(X500Name subject, PublicKey publicKey, X509Certificate issuer,
                                      PrivateKey issuerKey, Instant notBefore, Instant notAfter, boolean ekuCritical,
                                      GeneralNames alternativeNames, KeyPurposeId... purposes) {
        X509v3CertificateBuilder builder = issuedBy(issuer, subject, publicKey, notBefore, notAfter);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, ekuCritical, new ExtendedKeyUsage(purposes));
            if (alternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the end-entity certificate", e);
        }
        return sign(builder, issuerKey);
    }

    private X509v3CertificateBuilder issuedBy(X509Certificate issuer, X500Name subject, PublicKey publicKey,
                                              Instant notBefore, Instant notAfter) {
        // The issuer name is copied byte for byte from the issuer's subject (RFC 5280 §7.1 name chaining).
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        try {
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new SubjectKeyIdentifier(keyIdentifier(publicKey)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(subjectKeyIdentifier(issuer)));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the certificate", e);
        }
        return builder;
    }

    // RFC 5280 §4.1.2.2: positive, at most 20 octets; CA/Browser Forum baseline asks for 64 random bits. Setting the
    // top bit of 127 random bits gives a fixed 16-octet positive serial with 126 bits of randomness.
    private BigInteger serialNumber() {
        return new BigInteger(127, random).setBit(126);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the certificate", e);
        }
    }

    /** The key identifier of RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
    private static byte[] keyIdentifier(PublicKey publicKey) {
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey).getKeyIdentifier();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    private static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Oids.SUBJECT_KEY_IDENTIFIER);
        if (extension == null) {
            return keyIdentifier(certificate.getPublicKey());
        }
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                .getKeyIdentifier();
    }
}
