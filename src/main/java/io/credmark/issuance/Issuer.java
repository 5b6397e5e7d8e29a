package io.credmark.issuance;

import io.credmark.bytes.Sha256;
import io.credmark.c2pa.sign.TimeStamp;
import io.credmark.c2pa.sign.TimeStampOutcome;
import io.credmark.container.ContainerSkeleton;
import io.credmark.creators.CreatorIdentities;
import io.credmark.creators.Creators;
import io.credmark.creators.IdentityUnavailableException;
import io.credmark.creators.ModelRegistry;
import io.credmark.creators.RegisteredModel;
import io.credmark.credential.Credential;
import io.credmark.credential.CredentialId;
import io.credmark.credential.CredentialLinks;
import io.credmark.credential.CredentialRef;
import io.credmark.credential.SignerName;
import io.credmark.credential.WatermarkPayload;
import io.credmark.disclosure.Commitments;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.provenance.Problem;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceException;
import io.credmark.store.CommitmentRecord;
import io.credmark.store.CredentialRecord;
import io.credmark.store.CredentialStore;
import io.credmark.store.DisclosureRecord;
import io.credmark.store.DuplicateKeyException;
import io.credmark.store.ModelLinkRecord;
import io.credmark.store.StampArtifacts;
import io.credmark.store.Timestamps;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues credentials: a stamp whose record is committed before anyone sees the image, so that a client holding a
 * stamped image can always find its credential, and a failed stamp leaves nothing behind.
 *
 * <p>Every stamp commits to every provenance field (see {@link Commitments}) and the store keeps every disclosure,
 * so that who sees a field can be decided whenever it is shown.
 */
public final class Issuer {

    private static final Logger LOG = LoggerFactory.getLogger(Issuer.class);
    /** Attempts at a fresh id; two random 64-bit ids colliding twice in a row does not happen. */
    private static final int ID_ATTEMPTS = 3;

    private final StampService stamping;
    private final CredentialStore store;
    private final Creators creators;
    private final ModelRegistry registry;
    private final CredentialLinks links;
    private final CreatorIdentities identities;
    private final Clock clock;
    private final SecureRandom random;

    public Issuer(StampService stamping, CredentialStore store, Creators creators, ModelRegistry registry,
            CredentialLinks links, CreatorIdentities identities, Clock clock, SecureRandom random) {
        this.identities = identities;
        this.stamping = stamping;
        this.store = store;
        this.creators = creators;
        this.registry = registry;
        this.links = links;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Stamps the image with a manifest naming a new credential, and commits the credential's record with every
     * disclosure. Fields are stamped with the stricter of the creator's policy (all public for creators who have
     * not registered) and the levels the order asks for; only public ones are written readable into the file.
     *
     * @throws io.credmark.InvalidInputException when the image cannot be stamped, or the order names an unknown
     *                                           model; nothing is recorded then
     * @throws io.credmark.store.StoreException  when the record cannot be committed; the image must not be used
     */
    public Stamped stamp(StampOrder order) {
        return issue(order, stamping::stamp, result -> new StampedImage.InMemory(result.toByteArray()));
    }

    /**
     * As {@link #stamp(StampOrder)}, a metadata-only stamp of a large file read as its skeleton ({@code order}'s
     * image being the skeleton's bytes, see {@link StampService#stamp(StampRequest, ContainerSkeleton)}): the
     * stamped file is written to {@code output}, hashed as it is written, and never held in memory.
     */
    public Stamped stamp(StampOrder order, ContainerSkeleton skeleton, Path output) {
        return issue(order, request -> stamping.stamp(request, skeleton), result -> written(result, output));
    }

    private static StampedImage written(StampResult result, Path output) {
        MessageDigest sha256 = Sha256.digest();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
                DigestOutputStream out = new DigestOutputStream(file, sha256)) {
            result.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new StampedImage.InFile(output, Files.size(output), HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stamped issue(StampOrder order, Function<StampRequest, StampResult> stamp,
            Function<StampResult, StampedImage> materialise) {
        ProvenanceDocument provenance;
        Optional<RegisteredModel> model = Optional.empty();
        if (order.provenance() instanceof ProvenanceInput.Registered r) {
            model = Optional.of(registry.find(r.modelId()).orElseThrow(() -> new ProvenanceException(List.of(
                    new Problem(ProvenanceInput.REGISTERED_MODEL, "no registered model '" + r.modelId() + "'")))));
            provenance = registry.snapshot(model.get(), r.generation());
        } else {
            provenance = ((ProvenanceInput.Spelled) order.provenance()).document();
        }
        Creators.requireHandleForm(provenance.creator().handle());
        DisclosurePolicy policy = creators.defaultPolicy(provenance.creator().handle()).stricterOf(order.disclosure());
        // the creator's own signature only where the creator allowed this front end, read now from the store
        Optional<CreatorIdentities.SigningIdentity> identity;
        Optional<String> identityUnavailable = Optional.empty();
        try {
            identity = identities.signingIdentity(provenance.creator().handle(), order.apiKeyName());
        } catch (IdentityUnavailableException e) {
            identity = Optional.empty();
            identityUnavailable = Optional.of(unavailable(e));
        }
        for (int attempt = 1; ; attempt++) {
            CredentialId id = CredentialId.random(random);
            String url = links.page(id);
            StampRequest request = new StampRequest(order.image(), provenance,
                    Optional.of(new CredentialRef(id.text(), url)), order.sourceName(), policy, order.options(),
                    OptionalLong.of(WatermarkPayload.of(id)));
            StampResult signed;
            try {
                signed = stamp.apply(request.withIdentity(identity.map(CreatorIdentities.SigningIdentity::signer)));
            } catch (IdentityUnavailableException e) {
                identityUnavailable = Optional.of(unavailable(e));
                identity = Optional.empty();
                signed = stamp.apply(request);
            }
            StampResult result = signed;
            StampedImage image = materialise.apply(result);
            // the name of the certificate that signed this manifest, as its fingerprint is: a rotated or renewed
            // signer is named from its first stamp on
            SignerName signer = SignerName.of(result.manifest().signer());
            Credential credential = new Credential(id, result.manifestLabel(), result.format().mediaType(),
                    image.sha256(), result.provenance(), signer, order.apiKeyName(),
                    Timestamps.storable(clock.instant()));
            Commitments c = result.commitments();
            List<DisclosureRecord> rows = c.disclosures().stream().map(d -> new DisclosureRecord(id.value(), d.path(),
                    d.encoded(), c.levels().get(d.path()).wireName())).toList();
            CommitmentRecord commitments = new CommitmentRecord(id.value(), Commitments.DIGEST_ALG,
                    String.join(" ", c.digests().stream().map(Issuer::base64).toList()),
                    Creators.policyJson(order.disclosure()), Optional.empty(), Optional.empty());
            Optional<ModelLinkRecord> link = model.map(m -> new ModelLinkRecord(id.value(), m.id(), m.revision()));
            Optional<CreatorIdentities.Confirmed> confirmed = identity.map(i -> new CreatorIdentities.Confirmed(
                    i.handle(), i.displayName(), identitySignedAt(result)));
            try {
                StampArtifacts artifacts = new StampArtifacts(result.manifest().store(), result.watermark()
                        .map(WatermarkStamp::payloadId).orElse(OptionalLong.empty()), identity.map(i ->
                        CreatorIdentities.confirmation(id, i, confirmed.get().signedAt())));
                store.insertIssued(toRecord(credential, result.manifest().signerSha256()), artifacts, rows,
                        commitments, link);
                return new Stamped(credential, url, result.format(), image, result.mark(), result.watermark(),
                        result.parentManifest(), c, result.metadata(), result.manifest().timeStamp(),
                        confirmed, identityUnavailable, result.manifest().store());
            } catch (DuplicateKeyException e) {
                if (attempt == ID_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * A creator's key that is missing from the token is the operator's to fix: the image is still stamped, without
     * the creator's identity, as for a front end the creator did not grant, and the answer says why.
     */
    private static String unavailable(IdentityUnavailableException e) {
        LOG.warn("stamping without the identity of creator {}: {}", e.handle(), e.getMessage());
        return e.getMessage();
    }

    /** When the identity was signed: its time-stamp's time, or the signing time when it carries none. */
    private Instant identitySignedAt(StampResult result) {
        return Timestamps.storable(result.manifest().identity().flatMap(TimeStampOutcome::stamp)
                .map(TimeStamp::time).orElse(clock.instant()));
    }

    private static String base64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static CredentialRecord toRecord(Credential c, String signerSha256) {
        ProvenanceDocument p = c.provenance();
        return new CredentialRecord(c.id().value(), c.manifestLabel(), c.mediaType(), c.sha256(),
                p.creator().handle(), p.model().name(), p.toJson().toString(), c.signer().organization(),
                c.signer().commonName(), c.signer().issuer(), c.apiKeyName(), c.createdAt(), signerSha256);
    }
}
