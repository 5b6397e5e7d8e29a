package io.credmark.service;

import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.store.CredentialRecord;
import io.credmark.store.CredentialRepository;
import io.credmark.store.DuplicateKeyException;
import io.credmark.store.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Issues and looks up credentials: a stamp whose record is committed before anyone sees the image, so that a client
 * holding a stamped image can always find its credential, and a failed stamp leaves nothing behind.
 */
public final class CredentialService {

    /** Attempts at a fresh id; two random 64-bit ids colliding twice in a row does not happen. */
    private static final int ID_ATTEMPTS = 3;

    private final StampService stamping;
    private final VerifyService verification;
    private final CredentialRepository credentials;
    private final CredentialLinks links;
    private final SignerName signer;
    private final Limits limits;
    private final Clock clock;
    private final SecureRandom random;

    public CredentialService(StampService stamping, VerifyService verification, CredentialRepository credentials,
            CredentialLinks links, SignerName signer, Limits limits, Clock clock, SecureRandom random) {
        this.stamping = stamping;
        this.verification = verification;
        this.credentials = credentials;
        this.links = links;
        this.signer = signer;
        this.limits = limits;
        this.clock = clock;
        this.random = random;
    }

    public CredentialLinks links() {
        return links;
    }

    /**
     * Stamps the image with a manifest naming a new credential, and commits the credential's record.
     *
     * @throws io.credmark.InvalidInputException when the image cannot be stamped; nothing is recorded then
     * @throws io.credmark.store.StoreException  when the record cannot be committed; the image must not be used
     */
    public Stamped stamp(StampOrder order) {
        for (int attempt = 1; ; attempt++) {
            CredentialId id = CredentialId.random(random);
            String url = links.page(id);
            StampResult result = stamping.stamp(new StampRequest(order.image(), order.provenance(),
                    Optional.of(new CredentialRef(id.text(), url)), order.sourceName()).withOptions(order.options()));
            byte[] image = result.toByteArray();
            Credential credential = new Credential(id, result.manifestLabel(), result.format().mediaType(),
                    sha256(image), order.provenance(), signer, order.apiKeyName(),
                    Timestamps.storable(clock.instant()));
            try {
                credentials.insert(toRecord(credential));
                return new Stamped(credential, url, result.format(), image, result.mark());
            } catch (DuplicateKeyException e) {
                if (attempt == ID_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public Optional<Credential> find(CredentialId id) {
        return credentials.find(id.value()).map(CredentialService::fromRecord);
    }

    /**
     * Verifies the image and, when its manifest names one of this installation's credentials, looks it up. Images
     * over the pixel limit are refused as they are for stamping, although verifying decodes no pixel, so that both
     * routes accept the same images.
     */
    public Verification verify(byte[] image) {
        VerificationReport report = verification.verify(image);
        limits.checkPixels(report.header());
        Optional<CredentialId> claimed = report.provenance().flatMap(ProvenanceView::credentialId)
                .flatMap(CredentialId::parse);
        Optional<String> recorded = claimed.flatMap(id -> credentials.sha256(id.value()));
        boolean sameFile = recorded.map(sha -> sha.equals(sha256(image))).orElse(false);
        return new Verification(report, claimed, recorded.isPresent(), sameFile);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CredentialRecord toRecord(Credential c) {
        ProvenanceDocument p = c.provenance();
        return new CredentialRecord(c.id().value(), c.manifestLabel(), c.mediaType(), c.sha256(),
                p.creator().handle(), p.model().name(), p.toJson().toString(), c.signer().organization(),
                c.signer().commonName(), c.signer().issuer(), c.apiKeyName(), c.createdAt());
    }

    private static Credential fromRecord(CredentialRecord r) {
        ProvenanceDocument provenance = ProvenanceParser.parse(r.provenanceJson().getBytes(StandardCharsets.UTF_8));
        return new Credential(new CredentialId(r.id()), r.manifestLabel(), r.mediaType(), r.sha256(), provenance,
                new SignerName(r.signerOrganization(), r.signerCommonName(), r.signerIssuer()), r.apiKeyName(),
                r.createdAt());
    }
}
