package io.credmark.pki;

import io.credmark.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * credmark's creator-identity CA: a root of its own, apart from the development CA that issues claim signers, which
 * issues each registered creator an identity certificate for CAWG identity assertions (CAWG identity 1.x §8.2,
 * X.509 credentials). Verifiers put this root in their CAWG trust list, not in their C2PA one, so a creator's
 * certificate can never pass for a claim signer and a claim signer never for a creator.
 *
 * <p>The root's key lives owner-only in {@code DATA/pki/} beside the development CA's; the root is made on first
 * start. Creators' certificates are issued straight from the root.
 */
public final class IdentityCa {

    static final String ROOT_CERTIFICATE = "identity-root-ca.pem";
    static final String ROOT_KEY = "identity-root-ca-key.pem";
    static final String ORGANIZATION = "credmark creator identity";
    private static final int ROOT_YEARS = 20;
    /** A creator's certificate is renewed when it has less than this left (see {@link #needsRenewal}). */
    public static final Duration CREDENTIAL_VALIDITY = Duration.ofDays(2 * 365);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final Clock clock;
    private final SecureRandom random;
    private final CertificateIssuer issuer;
    private final X509Certificate root;
    private final PrivateKey rootKey;

    private IdentityCa(Clock clock, SecureRandom random, X509Certificate root, PrivateKey rootKey) {
        this.clock = clock;
        this.random = random;
        this.issuer = new CertificateIssuer(random);
        this.root = root;
        this.rootKey = rootKey;
    }

    /** Opens the CA under {@code dataDir/pki/}, creating its root if it does not exist yet. */
    public static IdentityCa openOrCreate(Path dataDir) {
        return openOrCreate(dataDir, Clock.systemUTC());
    }

    static IdentityCa openOrCreate(Path dataDir, Clock clock) {
        PkiDirectory directory = PkiDirectory.open(dataDir);
        SecureRandom random = new SecureRandom();
        return directory.locked(() -> {
            if (!directory.exists(ROOT_CERTIFICATE)) {
                createRoot(directory, new CertificateIssuer(random), clock.instant(), random);
            }
            return new IdentityCa(clock, random, read(directory, ROOT_CERTIFICATE),
                    Pem.privateKey(directory.read(ROOT_KEY), null, ROOT_KEY));
        });
    }

    /** The self-signed root: the anchor of CAWG trust lists ({@code cawg_trust.trust_anchors} in c2pa-rs). */
    public X509Certificate root() {
        return root;
    }

    /**
     * A new key pair and certificate for a creator: subject CN and O the display name (c2pa-rs names the signer of
     * a COSE signature by O and refuses a certificate without one), the creator's page as URI subject alternative
     * name, documentSigning, not a CA. The chain is the certificate alone: the root is the verifier's to supply.
     */
    public SigningCredentials issue(String displayName, URI page) {
        KeyPair keys = KeyType.EC_P256.generateKeyPair(random);
        return new SigningCredentials(keys.getPrivate(), List.of(certify(keys.getPublic(), displayName, page)),
                KeyType.EC_P256);
    }

    /**
     * A new key pair for a creator made in a PKCS#11 token under {@code label}, where it stays (see {@link
     * Pkcs11Token#generate}), and its certificate, with the profile of {@link #issue}, stored beside it on the token.
     */
    public Pkcs11Token.Entry issueInToken(Pkcs11Token token, String label, String displayName, URI page) {
        return token.generate(label, publicKey -> certify(publicKey, displayName, page));
    }

    /** A certificate for a creator's key held elsewhere (a PKCS#11 token), with the profile of {@link #issue}. */
    public X509Certificate certify(java.security.PublicKey publicKey, String displayName, URI page) {
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("an identity certificate needs a name");
        }
        Instant notBefore = clock.instant().minus(BACKDATE);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, displayName)
                .addRDN(BCStyle.CN, displayName).build();
        return issuer.identity(subject, publicKey, page, root, rootKey, notBefore, notBefore.plus(CREDENTIAL_VALIDITY));
    }

    /** Whether a creator's certificate should be replaced: issued by another root, or expiring within 30 days. */
    public boolean needsRenewal(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            return true;
        }
        try {
            certificate.verify(root.getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            return true;
        }
        return !CertificateProfile.validAt(certificate, clock.instant().plus(RENEW_BEFORE));
    }

    /** A creator's credential as text to keep: the certificate and the PKCS#8 key, both PEM. */
    public static StoredCredential store(SigningCredentials credentials) {
        return new StoredCredential(Pem.certificate(credentials.leaf()), Pem.privateKey(credentials.privateKey()));
    }

    /** A creator's certificate as text to keep, PEM. */
    public static String certificatePem(X509Certificate certificate) {
        return Pem.certificate(certificate);
    }

    /** A certificate kept by {@link #certificatePem}. */
    public static X509Certificate certificate(String pem) {
        return Pem.certificates(pem, "identity certificate").get(0);
    }

    /** A credential kept by {@link #store}. */
    public static SigningCredentials load(StoredCredential stored) {
        X509Certificate certificate = Pem.certificates(stored.certificatePem(), "identity certificate").get(0);
        PrivateKey key = Pem.privateKey(stored.keyPem(), null, "identity key");
        if (!KeyMatch.matches(key, certificate.getPublicKey())) {
            throw new IllegalStateException("a creator's identity key does not match its certificate");
        }
        return SigningCredentials.of(key, List.of(certificate));
    }

    /** A creator's certificate and private key, PEM; the key is to be kept sealed. */
    public record StoredCredential(String certificatePem, String keyPem) {
        @Override
        public String toString() {
            return "StoredCredential[key hidden]";
        }
    }

    @Override
    public String toString() {
        return "IdentityCa[" + root.getSubjectX500Principal().getName() + "]";
    }

    private static void createRoot(PkiDirectory directory, CertificateIssuer issuer, Instant now, SecureRandom random)
            throws IOException {
        byte[] id = new byte[4];
        random.nextBytes(id);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, HexFormat.of().formatHex(id)).addRDN(BCStyle.CN, "credmark creator identity root CA")
                .build();
        KeyPair keys = KeyType.EC_P256.generateKeyPair(random);
        Instant notBefore = now.minus(BACKDATE);
        X509Certificate root = issuer.root(subject, keys.getPublic(), keys.getPrivate(), notBefore,
                notBefore.atOffset(ZoneOffset.UTC).plusYears(ROOT_YEARS).toInstant());
        // Key first: the certificate file is only ever present once its key is.
        directory.writeSecret(ROOT_KEY, Pem.privateKey(keys.getPrivate()));
        directory.writePublic(ROOT_CERTIFICATE, Pem.certificate(root));
    }

    private static X509Certificate read(PkiDirectory directory, String name) {
        try {
            List<X509Certificate> certificates = Pem.certificates(directory.read(name), name);
            if (certificates.size() != 1) {
                throw new IllegalStateException("identity CA file " + name + " should hold one certificate");
            }
            return certificates.get(0);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("identity CA file is damaged: " + e.getMessage(), e);
        }
    }
}
