package io.credmark.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds certificates with exactly the features a test needs, good or bad. */
final class TestCertificates {

    static final SecureRandom RANDOM = new SecureRandom();

    // Signs with Bouncy Castle, which knows more (and weaker) algorithms than the JDK, e.g. PSS with SHA-1.
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    /** A certificate and its private key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    private final String subject;
    private KeyPair keyPair;
    private Issued issuer;
    private Integer caPathLength;
    private boolean ca;
    private boolean basicConstraints = true;
    private Integer keyUsage;
    private List<String> extendedKeyUsages = new ArrayList<>();
    private boolean extendedKeyUsageCritical;
    private boolean authorityKeyIdentifier = true;
    private boolean version1;
    private String criticalExtension;
    private String signatureAlgorithm;
    private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(365));

    private TestCertificates(String subject) {
        this.subject = subject;
    }

    /** A C2PA-conformant signer certificate in the making: digitalSignature, claimSigning EKU, AKI. */
    static TestCertificates signer(String subject) {
        TestCertificates builder = new TestCertificates(subject);
        builder.keyUsage = KeyUsage.digitalSignature;
        builder.extendedKeyUsages.add(Oids.EKU_C2PA_CLAIM_SIGNING);
        return builder;
    }

    /** A CA certificate in the making: cA=true, keyCertSign and cRLSign. */
    static TestCertificates ca(String subject) {
        TestCertificates builder = new TestCertificates(subject);
        builder.ca = true;
        builder.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
        return builder;
    }

    TestCertificates keyPair(KeyPair keyPair) {
        this.keyPair = keyPair;
        return this;
    }

    TestCertificates issuedBy(Issued issuer) {
        this.issuer = issuer;
        return this;
    }

    TestCertificates ca(boolean ca) {
        this.ca = ca;
        return this;
    }

    TestCertificates pathLength(int pathLength) {
        this.caPathLength = pathLength;
        return this;
    }

    TestCertificates withoutBasicConstraints() {
        this.basicConstraints = false;
        return this;
    }

    /** KeyUsage bits from {@link KeyUsage}; {@code null} leaves the extension out. */
    TestCertificates keyUsage(Integer bits) {
        this.keyUsage = bits;
        return this;
    }

    /** Extended key usages; none leaves the extension out. */
    TestCertificates extendedKeyUsages(String... oids) {
        this.extendedKeyUsages = List.of(oids);
        return this;
    }

    TestCertificates extendedKeyUsageCritical() {
        this.extendedKeyUsageCritical = true;
        return this;
    }

    TestCertificates withoutAuthorityKeyIdentifier() {
        this.authorityKeyIdentifier = false;
        return this;
    }

    TestCertificates version1() {
        this.version1 = true;
        return this;
    }

    TestCertificates criticalExtension(String oid) {
        this.criticalExtension = oid;
        return this;
    }

    TestCertificates signatureAlgorithm(String algorithm) {
        this.signatureAlgorithm = algorithm;
        return this;
    }

    TestCertificates validity(Instant notBefore, Instant notAfter) {
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        return this;
    }

    Issued build() throws Exception {
        KeyPair keys = keyPair != null ? keyPair : KeyType.EC_P256.generateKeyPair(RANDOM);
        X500Name subjectName = new X500Name(subject);
        X500Name issuerName = issuer == null ? subjectName
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.key();
        String algorithm = signatureAlgorithm != null ? signatureAlgorithm : defaultAlgorithm(signingKey);
        BigInteger serial = new BigInteger(64, RANDOM).setBit(63);
        var signer = new JcaContentSignerBuilder(algorithm).setProvider(BOUNCY_CASTLE).build(signingKey);
        var converter = new JcaX509CertificateConverter();

        if (version1) {
            X509v1CertificateBuilder v1 = new JcaX509v1CertificateBuilder(issuerName, serial, Date.from(notBefore),
                    Date.from(notAfter), subjectName, keys.getPublic());
            return new Issued(converter.getCertificate(v1.build(signer)), keys.getPrivate());
        }

        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial, Date.from(notBefore),
                Date.from(notAfter), subjectName, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        if (basicConstraints) {
            builder.addExtension(Extension.basicConstraints, true, ca
                    ? (caPathLength == null ? new BasicConstraints(true) : new BasicConstraints(caPathLength))
                    : new BasicConstraints(false));
        }
        if (keyUsage != null) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (!extendedKeyUsages.isEmpty()) {
            KeyPurposeId[] purposes = extendedKeyUsages.stream()
                    .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                    .toArray(KeyPurposeId[]::new);
            builder.addExtension(Extension.extendedKeyUsage, extendedKeyUsageCritical,
                    new ExtendedKeyUsage(purposes));
        }
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(keys.getPublic()));
        if (authorityKeyIdentifier) {
            AuthorityKeyIdentifier aki = issuer == null
                    ? utils.createAuthorityKeyIdentifier(keys.getPublic())
                    : utils.createAuthorityKeyIdentifier(issuer.certificate().getPublicKey());
            builder.addExtension(Extension.authorityKeyIdentifier, false, aki);
        }
        if (criticalExtension != null) {
            builder.addExtension(new ASN1ObjectIdentifier(criticalExtension), true,
                    new DEROctetString(new byte[] {1, 2, 3}));
        }
        return new Issued(converter.getCertificate(builder.build(signer)), keys.getPrivate());
    }

    private static String defaultAlgorithm(PrivateKey key) {
        return switch (KeyType.of(key)) {
            case EC_P256 -> "SHA256withECDSA";
            case EC_P384 -> "SHA384withECDSA";
            case EC_P521 -> "SHA512withECDSA";
            case RSA_2048 -> "SHA256withRSA";
            case ED25519 -> "Ed25519";
        };
    }

    /** A root, an intermediate under it, and a conformant signer under that. */
    record Hierarchy(Issued root, Issued intermediate, Issued signer) {
        List<X509Certificate> chain() {
            return List.of(signer.certificate(), intermediate.certificate());
        }
    }

    static Hierarchy hierarchy() throws Exception {
        Issued root = ca("CN=Test Root, O=Test").build();
        Issued intermediate = ca("CN=Test Intermediate, O=Test").issuedBy(root).pathLength(0).build();
        Issued signer = signer("CN=Test Signer, O=Test").issuedBy(intermediate).build();
        return new Hierarchy(root, intermediate, signer);
    }
}
