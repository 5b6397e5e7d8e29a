package io.credmark.pki;

import io.credmark.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * A private certificate authority for development and self-hosting, kept under {@code <dataDir>/pki/}: a root, an
 * intermediate, one signer per {@link KeyType} (valid a year unless rotated with another validity), and the
 * built-in time-stamping authority, created on first use.
 *
 * <p>Its certificates follow the C2PA profile, so manifests signed with them validate everywhere; they are trusted
 * only where {@link #rootPem()} is installed as a trust anchor. Each installation gets its own root, told apart by a
 * random OU.
 *
 * <p>Several processes may open the same directory at once: creation happens under a file lock, files appear
 * atomically, and private keys are owner-only from the moment they exist. Existing files are never regenerated;
 * only an intermediate or signer certificate that has expired (or no longer chains to its issuer) is re-issued, with
 * a fresh key. The root is kept even once expired: replacing it would invalidate every verifier's trust anchor.
 *
 * <p>Files: {@code root-ca.pem}, {@code intermediate-ca.pem}, {@code signer-<type>.pem} (certificates) and the same
 * names with {@code -key} (unencrypted PKCS#8 private keys, mode 600), e.g. {@code signer-ec-p256-key.pem};
 * {@code tsa.pem} and {@code tsa-key.pem} for the time-stamping authority.
 */
public final class DevelopmentCa {

    static final String ORGANIZATION = "credmark development";

    static final String ROOT_CERTIFICATE = "root-ca.pem";
    static final String ROOT_KEY = "root-ca-key.pem";
    static final String INTERMEDIATE_CERTIFICATE = "intermediate-ca.pem";
    static final String INTERMEDIATE_KEY = "intermediate-ca-key.pem";

    private static final int ROOT_YEARS = 20;
    private static final int INTERMEDIATE_YEARS = 10;
    /** Signers are rotated yearly by default; time-stamped credentials stay verifiable after their signer expires. */
    public static final Duration DEFAULT_SIGNER_VALIDITY = Duration.ofDays(365);
    private static final int TIME_STAMPING_YEARS = 5;
    static final String TIME_STAMPING_CERTIFICATE = "tsa.pem";
    static final String TIME_STAMPING_KEY = "tsa-key.pem";
    /** Back-dating tolerates verifiers whose clocks run a little behind ours. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final PkiDirectory directory;
    private final Clock clock;
    private final SecureRandom random;
    private final CertificateIssuer issuer;
    private final X509Certificate root;
    private final String installationId;
    private final Map<KeyType, SigningCredentials> signers = new EnumMap<>(KeyType.class);
    private SigningCredentials timeStamping; // guarded by this
    private Issuing intermediate; // guarded by this

    private DevelopmentCa(PkiDirectory directory, Clock clock, SecureRandom random, X509Certificate root) {
        this.directory = directory;
        this.clock = clock;
        this.random = random;
        this.issuer = new CertificateIssuer(random);
        this.root = root;
        this.installationId = organizationalUnit(root);
    }

    /** Opens the CA under {@code dataDir/pki/}, creating the root and intermediate if they do not exist yet. */
    public static DevelopmentCa openOrCreate(Path dataDir) {
        return openOrCreate(dataDir, Clock.systemUTC());
    }

    static DevelopmentCa openOrCreate(Path dataDir, Clock clock) {
        PkiDirectory directory = PkiDirectory.open(dataDir);
        SecureRandom random = new SecureRandom();
        CertificateIssuer issuer = new CertificateIssuer(random);
        return directory.locked(() -> {
            X509Certificate root = directory.exists(ROOT_CERTIFICATE)
                    ? certificate(directory, ROOT_CERTIFICATE)
                    : createRoot(directory, issuer, clock.instant(), random);
            DevelopmentCa ca = new DevelopmentCa(directory, clock, random, root);
            synchronized (ca) {
                ca.intermediate = ca.loadOrIssueIntermediate();
            }
            return ca;
        });
    }

    /** The self-signed root; install it (see {@link #rootPem()}) as a trust anchor in verifiers. */
    public X509Certificate root() {
        return root;
    }

    /** The root certificate in PEM form. */
    public String rootPem() {
        return Pem.certificate(root);
    }

    /** The intermediate CA that issues the signers. */
    public synchronized X509Certificate intermediate() {
        return intermediate.certificate();
    }

    /** The directory holding the CA's files. */
    public Path directory() {
        return directory.path();
    }

    /** The default signer, EC P-256. */
    public SigningCredentials signer() {
        return signer(KeyType.EC_P256);
    }

    /**
     * The signer for a key type, read from disk or issued on first request. Its chain is the signer certificate
     * then the intermediate.
     */
    public synchronized SigningCredentials signer(KeyType keyType) {
        SigningCredentials cached = signers.get(keyType);
        if (cached != null && CertificateProfile.validAt(cached.leaf(), clock.instant())) {
            return cached;
        }
        SigningCredentials credentials = directory.locked(() -> {
            intermediate = loadOrIssueIntermediate();
            return loadOrIssueSigner(keyType);
        });
        signers.put(keyType, credentials);
        return credentials;
    }

    /**
     * Issues a new signer for a key type, with a fresh key, valid from now for {@code validity}, and makes it the
     * current one: the files are replaced, so every process that opens the CA from now on signs with it. What was
     * signed before stays verifiable: its chain travels in the manifest, and its time-stamp fixes when it was valid.
     *
     * @throws IllegalArgumentException when the validity is not positive or would outlast the intermediate CA
     */
    public synchronized SigningCredentials rotateSigner(KeyType keyType, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("a signer's validity must be positive, not " + validity);
        }
        SigningCredentials credentials = directory.locked(() -> {
            intermediate = loadOrIssueIntermediate();
            Instant notAfter = clock.instant().plus(validity);
            if (notAfter.isAfter(intermediate.certificate().getNotAfter().toInstant())) {
                throw new IllegalArgumentException("a signer valid for " + validity + " would outlast the intermediate"
                        + " CA, which expires " + intermediate.certificate().getNotAfter().toInstant());
            }
            return issueSigner(keyType, notAfter);
        });
        signers.put(keyType, credentials);
        return credentials;
    }

    /**
     * The built-in time-stamping authority's key and chain (its certificate, then the intermediate), issued on first
     * request and re-issued when expired.
     */
    public synchronized SigningCredentials timeStampAuthority() {
        if (timeStamping != null && CertificateProfile.validAt(timeStamping.leaf(), clock.instant())) {
            return timeStamping;
        }
        timeStamping = directory.locked(() -> {
            intermediate = loadOrIssueIntermediate();
            X509Certificate issuing = intermediate.certificate();
            Optional<SigningCredentials> existing = load(TIME_STAMPING_CERTIFICATE, TIME_STAMPING_KEY, issuing,
                    KeyType.EC_P256);
            if (existing.isPresent()) {
                return existing.get();
            }
            KeyPair keys = KeyType.EC_P256.generateKeyPair(random);
            Instant notBefore = clock.instant().minus(BACKDATE);
            X509Certificate certificate = issuer.timeStamping(name("credmark time-stamping authority",
                    installationId), keys.getPublic(), issuing, intermediate.key(), notBefore,
                    plusYears(notBefore, TIME_STAMPING_YEARS));
            directory.writeSecret(TIME_STAMPING_KEY, Pem.privateKey(keys.getPrivate()));
            directory.writePublic(TIME_STAMPING_CERTIFICATE, Pem.certificate(certificate));
            return new SigningCredentials(keys.getPrivate(), List.of(certificate, issuing), KeyType.EC_P256);
        });
        return timeStamping;
    }

    /**
     * Issues a signer certificate, with the same profile as the development signers, for a key held elsewhere (an
     * HSM's): the chain returned is the new certificate then the intermediate. Nothing is written to disk.
     */
    public synchronized List<X509Certificate> issueSigner(PublicKey publicKey, String commonName) {
        Instant notBefore = clock.instant().minus(BACKDATE);
        X509Certificate certificate = issuer.signer(name(commonName, installationId), publicKey,
                intermediate.certificate(), intermediate.key(), notBefore, clock.instant().plus(DEFAULT_SIGNER_VALIDITY));
        return List.of(certificate, intermediate.certificate());
    }

    @Override
    public String toString() {
        return "DevelopmentCa[" + root.getSubjectX500Principal().getName() + "]";
    }

    private static X509Certificate createRoot(PkiDirectory directory, CertificateIssuer issuer, Instant now,
                                              SecureRandom random) throws IOException {
        byte[] id = new byte[4];
        random.nextBytes(id);
        X500Name subject = name("credmark development root CA", HexFormat.of().formatHex(id));
        KeyPair keys = KeyType.EC_P256.generateKeyPair(random);
        Instant notBefore = now.minus(BACKDATE);
        X509Certificate root = issuer.root(subject, keys.getPublic(), keys.getPrivate(), notBefore,
                plusYears(notBefore, ROOT_YEARS));
        // Key first: a certificate file is only ever present once its key is.
        directory.writeSecret(ROOT_KEY, Pem.privateKey(keys.getPrivate()));
        directory.writePublic(ROOT_CERTIFICATE, Pem.certificate(root));
        return root;
    }

    private Issuing loadOrIssueIntermediate() throws IOException {
        if (directory.exists(INTERMEDIATE_CERTIFICATE)) {
            X509Certificate existing = certificate(directory, INTERMEDIATE_CERTIFICATE);
            if (usable(existing, root)) {
                return new Issuing(existing, privateKey(directory, INTERMEDIATE_KEY));
            }
        }
        if (!directory.exists(ROOT_KEY)) {
            throw new IllegalStateException("the development CA in " + directory.path()
                    + " needs a new intermediate but " + ROOT_KEY + " is missing");
        }
        PrivateKey rootKey = privateKey(directory, ROOT_KEY);
        KeyPair keys = KeyType.EC_P256.generateKeyPair(random);
        Instant notBefore = clock.instant().minus(BACKDATE);
        X509Certificate certificate = issuer.intermediate(name("credmark development intermediate CA",
                installationId), keys.getPublic(), root, rootKey, notBefore, plusYears(notBefore, INTERMEDIATE_YEARS));
        directory.writeSecret(INTERMEDIATE_KEY, Pem.privateKey(keys.getPrivate()));
        directory.writePublic(INTERMEDIATE_CERTIFICATE, Pem.certificate(certificate));
        return new Issuing(certificate, keys.getPrivate());
    }

    private SigningCredentials loadOrIssueSigner(KeyType keyType) throws IOException {
        return load(signerCertificateFile(keyType), signerKeyFile(keyType), intermediate.certificate(), keyType)
                .orElseGet(() -> issueSigner(keyType, clock.instant().plus(DEFAULT_SIGNER_VALIDITY)));
    }

    private SigningCredentials issueSigner(KeyType keyType, Instant notAfter) {
        X509Certificate issuing = intermediate.certificate();
        KeyPair keys = keyType.generateKeyPair(random);
        Instant notBefore = clock.instant().minus(BACKDATE);
        X509Certificate certificate = issuer.signer(
                name("credmark development signer (" + keyType.displayName() + ")", installationId),
                keys.getPublic(), issuing, intermediate.key(), notBefore, notAfter);
        try {
            directory.writeSecret(signerKeyFile(keyType), Pem.privateKey(keys.getPrivate()));
            directory.writePublic(signerCertificateFile(keyType), Pem.certificate(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signer to " + directory.path(), e);
        }
        return new SigningCredentials(keys.getPrivate(), List.of(certificate, issuing), keyType);
    }

    private static String signerCertificateFile(KeyType keyType) {
        return "signer-" + keyType.fileStem() + ".pem";
    }

    private static String signerKeyFile(KeyType keyType) {
        return "signer-" + keyType.fileStem() + "-key.pem";
    }

    /** An end-entity certificate and key from disk, when both are there and the certificate is still usable. */
    private Optional<SigningCredentials> load(String certificateFile, String keyFile, X509Certificate issuing,
                                              KeyType keyType) {
        if (!directory.exists(certificateFile)) {
            return Optional.empty();
        }
        X509Certificate existing = certificate(directory, certificateFile);
        if (!usable(existing, issuing)) {
            return Optional.empty();
        }
        PrivateKey key = privateKey(directory, keyFile);
        if (!KeyMatch.matches(key, existing.getPublicKey())) {
            throw new IllegalStateException("development CA file " + keyFile + " does not match " + certificateFile);
        }
        return Optional.of(new SigningCredentials(key, List.of(existing, issuing), keyType));
    }

    /** Still valid now and really issued by {@code issuer}'s current key. */
    private boolean usable(X509Certificate certificate, X509Certificate issuer) {
        if (!CertificateProfile.validAt(certificate, clock.instant())
                || !certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X500Name name(String commonName, String installationId) {
        // Most significant first in the encoding; printed in reverse (CN=…, OU=…, O=…) per RFC 4514.
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, installationId)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static String organizationalUnit(X509Certificate certificate) {
        RDN[] units = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.OU);
        if (units.length == 0) {
            throw new IllegalStateException("development CA root has no OU: " + certificate.getSubjectX500Principal());
        }
        return IETFUtils.valueToString(units[0].getFirst().getValue());
    }

    private static Instant plusYears(Instant instant, int years) {
        return instant.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    private static X509Certificate certificate(PkiDirectory directory, String name) {
        try {
            List<X509Certificate> certificates = Pem.certificates(directory.read(name), name);
            if (certificates.size() != 1) {
                throw new IllegalStateException("development CA file " + name + " should hold one certificate, not "
                        + certificates.size());
            }
            return certificates.get(0);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("development CA file is damaged: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(PkiDirectory directory, String name) {
        if (!directory.exists(name)) {
            throw new IllegalStateException("development CA file " + name + " is missing in " + directory.path());
        }
        try {
            return Pem.privateKey(directory.read(name), null, name);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("development CA file is damaged: " + e.getMessage(), e);
        }
    }

    /** A CA certificate together with the key that signs under it. */
    private record Issuing(X509Certificate certificate, PrivateKey key) {
        @Override
        public String toString() {
            return "Issuing[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }
}
