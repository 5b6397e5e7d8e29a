package io.credmark.app;

import io.credmark.BuildInfo;
import io.credmark.Limits;
import io.credmark.PixelBudget;
import io.credmark.c2pa.claim.ClaimWriter;
import io.credmark.c2pa.cose.CoseAlgorithm;
import io.credmark.c2pa.sign.KeySigner;
import io.credmark.c2pa.sign.Signer;
import io.credmark.c2pa.sign.TimeStamping;
import io.credmark.identity.CredentialEvidence;
import io.credmark.identity.EvidenceTrust;
import io.credmark.identity.TimeStampAuthority;
import io.credmark.identity.TimeStampClient;
import io.credmark.c2pa.validate.Validator;
import io.credmark.issuance.StampService;
import io.credmark.pixels.watermark.WatermarkKey;
import io.credmark.pixels.watermark.Watermarker;
import io.credmark.pki.CredentialLoader;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.IdentityCa;
import io.credmark.pki.KeyType;
import io.credmark.pki.Pkcs11Credentials;
import io.credmark.pki.Pkcs11Token;
import io.credmark.pki.SigningCredentials;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import io.credmark.verification.VerifyService;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One credmark installation, wired from its settings: the signer (the development CA's by default, or configured
 * credentials), the trust anchors (the development root plus configured bundles) and the stamp and verify use
 * cases over them.
 */
public final class Credmark {

    public static final String NAME = "credmark";
    public static final String VERSION = BuildInfo.version();
    private static final Duration TSA_TIMEOUT = Duration.ofSeconds(10);
    /** How long a stamp or watermark search waits for pixel memory before it is answered 503. */
    private static final long DEFAULT_PIXEL_WAIT_MILLIS = 10_000;

    private final Settings settings;
    private final DevelopmentCa developmentCa;
    private final IdentityCa identityCa;
    private final TrustAnchors cawgAnchors;
    private final Optional<Pkcs11Token> token;
    private final Supplier<Signer> signer;
    private final TrustAnchors anchors;
    private final Limits limits;
    private final PixelBudget pixelBudget;
    private final StampService stamping;
    private final VerifyService verification;
    private final Watermarker watermarker;
    private final TimeStampAuthority timeStampAuthority;
    private final TimeStamping timeStamping;

    private Credmark(Settings settings, List<Path> extraAnchors) {
        this.settings = settings;
        DataDirectory.create(settings.dataDir());
        this.developmentCa = DevelopmentCa.openOrCreate(settings.dataDir());
        this.identityCa = IdentityCa.openOrCreate(settings.dataDir());
        List<Path> cawgFiles = settings.paths("trust.cawg-anchors");
        this.cawgAnchors = TrustAnchors.of(identityCa.root()).merge(cawgFiles.isEmpty() ? TrustAnchors.none()
                : TrustAnchors.fromPem(cawgFiles));
        this.token = settings.path("signer.pkcs11.config").map(config -> Pkcs11Token.open(config,
                settings.secret("signer.pkcs11.pin").orElse(null)));
        this.signer = signer(settings, developmentCa, token);
        List<Path> anchorFiles = new java.util.ArrayList<>(settings.paths("trust.anchors"));
        anchorFiles.addAll(extraAnchors);
        TrustAnchors configured = anchorFiles.isEmpty() ? TrustAnchors.none() : TrustAnchors.fromPem(anchorFiles);
        this.anchors = TrustAnchors.of(developmentCa.root()).merge(configured);
        this.limits = new Limits(settings.number("limits.max-bytes", Limits.DEFAULT.maxBytes()),
                settings.number("limits.max-pixels", Limits.DEFAULT.maxPixels()));
        this.pixelBudget = new PixelBudget(settings.number("limits.pixelBudget", PixelBudget.defaultCapacity()),
                Duration.ofMillis(settings.number("limits.pixelWaitMillis", DEFAULT_PIXEL_WAIT_MILLIS)));
        Clock clock = Clock.systemUTC();
        this.timeStampAuthority = new TimeStampAuthority(developmentCa.timeStampAuthority(), clock,
                new SecureRandom());
        this.timeStamping = timeStamping(settings, timeStampAuthority);
        this.watermarker = new Watermarker(watermarkKey(settings));
        Validator validator = new Validator(new TrustEvaluator(anchors), new TrustEvaluator(cawgAnchors), clock);
        this.stamping = new StampService(this.signer, timeStamping, validator,
                new ClaimWriter.GeneratorInfo(NAME, VERSION), limits, clock, new SecureRandom(), watermarker,
                pixelBudget, settings.pngDeflateLevel());
        this.verification = new VerifyService(validator, limits, watermarker, pixelBudget);
    }

    public static Credmark open(Settings settings) {
        return new Credmark(settings, List.of());
    }

    /** Opens with additional trust-anchor bundles (the CLI's {@code --trust-anchors}). */
    public static Credmark open(Settings settings, List<Path> extraAnchors) {
        return new Credmark(settings, extraAnchors);
    }

    public StampService stamping() {
        return stamping;
    }

    public VerifyService verification() {
        return verification;
    }

    /** The pixel memory all stamps and watermark searches share. */
    public PixelBudget pixelBudget() {
        return pixelBudget;
    }

    public Settings settings() {
        return settings;
    }

    /** The upload limits the stamp and verify use cases enforce. */
    public Limits limits() {
        return limits;
    }

    /** The signer stamps are signed with now. */
    public Signer signer() {
        return signer.get();
    }

    /** The anchors this installation trusts, PEM; the first is credmark's own root. */
    public TrustAnchors trustAnchors() {
        return anchors;
    }

    public DevelopmentCa developmentCa() {
        return developmentCa;
    }

    /** The creator-identity CA, which issues creators' identity certificates for CAWG identity assertions. */
    public IdentityCa identityCa() {
        return identityCa;
    }

    /**
     * The PKCS#11 token the claim signer is in ({@code signer.pkcs11.config}), where creators' identity keys are
     * made and kept too; empty when the signer is not in a token.
     */
    public Optional<Pkcs11Token> pkcs11Token() {
        return token;
    }

    /**
     * The anchors of CAWG identity credentials, kept apart from {@link #trustAnchors()} as verifiers keep them: the
     * creator-identity root, then {@code trust.cawg-anchors}.
     */
    public TrustAnchors cawgTrustAnchors() {
        return cawgAnchors;
    }

    /**
     * The roots evidence is judged against, as {@code GET /v1/trust/anchors} serves them: claim signers against the
     * C2PA anchors, identity credentials against the CAWG ones only (so the creator-identity root never trusts a
     * signer, and is the one that confirms this installation's creators), time-stamps against the C2PA anchors and
     * the built-in TSA's chain.
     */
    public EvidenceTrust evidenceTrust() {
        return new EvidenceTrust(anchors, cawgAnchors, anchors.merge(TrustAnchors.of(timeStampAuthority.chain())));
    }

    /**
     * Makes credentials' evidence bundles, for the service and the command line alike: each chain completed up to
     * its root from the anchors known here (the signer's and the TSA's, and the creator identities'), and a fresh
     * time-stamp under {@code tsa.url} and {@code tsa.required}.
     */
    public CredentialEvidence credentialEvidence() {
        return new CredentialEvidence(anchors.merge(cawgAnchors), timeStamping);
    }

    /** The built-in time-stamping authority, which {@code POST /tsa} serves. */
    public TimeStampAuthority timeStampAuthority() {
        return timeStampAuthority;
    }

    /** How signatures and model registrations are time-stamped ({@code tsa.url}, {@code tsa.required}). */
    public TimeStamping timeStamping() {
        return timeStamping;
    }

    /**
     * {@code tsa.url}: absent, the built-in authority; {@code none}, no time-stamps; else an RFC 3161 TSA over
     * HTTP(S). {@code tsa.required} (default true) decides whether a stamp fails or goes without a time-stamp when
     * that TSA cannot be reached.
     */
    private static TimeStamping timeStamping(Settings s, TimeStampAuthority builtIn) {
        Optional<String> url = s.get("tsa.url");
        boolean required = s.get("tsa.required").map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException("tsa.required must be true or false");
        }).orElse(true);
        if (url.isEmpty()) {
            return new TimeStamping(Optional.of(TimeStampClient.local(builtIn)), required);
        }
        if (url.get().equalsIgnoreCase("none")) {
            return TimeStamping.NONE;
        }
        URI uri;
        try {
            uri = new URI(url.get());
        } catch (URISyntaxException e) {
            throw new ConfigurationException("tsa.url is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ConfigurationException("tsa.url must be an http(s) URL or none");
        }
        return new TimeStamping(Optional.of(TimeStampClient.http(uri, TSA_TIMEOUT)), required);
    }

    /** The watermark reader and writer, keyed with this installation's secret. */
    public Watermarker watermarker() {
        return watermarker;
    }

    /**
     * The watermark secret: the file {@code watermark.key} names, or {@code watermark.key} in the data directory,
     * made on first use. Nodes that share a database must share it, or each reads only its own watermarks.
     */
    private static WatermarkKey watermarkKey(Settings s) {
        Optional<Path> configured = s.path("watermark.key");
        try {
            return configured.isPresent() ? WatermarkKey.read(configured.get())
                    : WatermarkKey.openOrCreate(s.dataDir());
        } catch (IOException e) {
            throw new ConfigurationException("the watermark key "
                    + configured.map(Path::toString).orElse(WatermarkKey.FILE_NAME + " in the data directory")
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Configured credentials are fixed; the development CA's signer is asked for at each stamp, so that a
     * long-running service moves to a renewed signer when its current one expires (a year by default) instead of
     * signing with an expired certificate.
     */
    private static Supplier<Signer> signer(Settings s, DevelopmentCa ca, Optional<Pkcs11Token> token) {
        Optional<CoseAlgorithm> algorithm = s.get("signer.algorithm").map(a -> CoseAlgorithm.byName(a)
                .orElseThrow(() -> new ConfigurationException(
                        "signer.algorithm must be one of es256, es384, es512, ps256, ed25519")));
        if (token.isPresent()) {
            Signer hsm = hsmSigner(s, token.get(), algorithm);
            return () -> hsm;
        }
        SigningCredentials credentials;
        if (s.get("signer.pkcs12").isPresent()) {
            credentials = CredentialLoader.fromPkcs12(s.path("signer.pkcs12").orElseThrow(),
                    s.secret("signer.pkcs12.password").orElse(new char[0]), s.get("signer.pkcs12.alias").orElse(null));
        } else if (s.get("signer.certificates").isPresent() || s.get("signer.key").isPresent()) {
            credentials = CredentialLoader.fromPem(
                    s.path("signer.certificates").orElseThrow(() -> missing("signer.certificates")),
                    s.path("signer.key").orElseThrow(() -> missing("signer.key")),
                    s.secret("signer.key.password").orElse(null));
        } else {
            KeyType keyType = keyType(algorithm.orElse(CoseAlgorithm.ES256));
            ca.signer(keyType);
            return () -> keySigner(ca.signer(keyType), algorithm);
        }
        Signer fixed = keySigner(credentials, algorithm);
        return () -> fixed;
    }

    private static Signer keySigner(SigningCredentials credentials, Optional<CoseAlgorithm> algorithm) {
        CoseAlgorithm chosen = algorithm.orElse(KeySigner.defaultAlgorithm(credentials.leaf().getPublicKey()));
        return new KeySigner(credentials.privateKey(), credentials.chain(), chosen, null);
    }

    /**
     * A key in an HSM through PKCS#11: signing happens on the token. The chain is the token's, or
     * {@code signer.certificates} (leaf first) when the token holds only the leaf.
     */
    private static Signer hsmSigner(Settings s, Pkcs11Token token, Optional<CoseAlgorithm> algorithm) {
        Pkcs11Credentials hsm = Pkcs11Credentials.of(token, s.get("signer.pkcs11.alias").orElse(null));
        List<X509Certificate> chain = hsm.chain();
        if (s.get("signer.certificates").isPresent()) {
            chain = TrustAnchors.fromPem(s.path("signer.certificates").orElseThrow()).certificates();
            if (!chain.get(0).getPublicKey().equals(hsm.chain().get(0).getPublicKey())) {
                throw new ConfigurationException(
                        "signer.certificates does not start with the certificate of the HSM key");
            }
        }
        CoseAlgorithm chosen = algorithm.orElse(KeySigner.defaultAlgorithm(chain.get(0).getPublicKey()));
        return new KeySigner(hsm.privateKey(), chain, chosen, hsm.provider());
    }

    private static KeyType keyType(CoseAlgorithm a) {
        return switch (a) {
            case ES256 -> KeyType.EC_P256;
            case ES384 -> KeyType.EC_P384;
            case ES512 -> KeyType.EC_P521;
            case PS256, PS384, PS512 -> KeyType.RSA_2048;
            case ED25519 -> KeyType.ED25519;
        };
    }

    private static ConfigurationException missing(String key) {
        return new ConfigurationException(key + " is not configured");
    }
}
