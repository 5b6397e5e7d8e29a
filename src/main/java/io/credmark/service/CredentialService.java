package io.credmark.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.c2pa.assertion.CredmarkAssertion;
import io.credmark.c2pa.jumbf.SingleManifestStore;
import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.disclosure.Commitments;
import io.credmark.disclosure.Disclosure;
import io.credmark.disclosure.DisclosureCheck;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.provenance.Problem;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceException;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.provenance.ProvenanceSchema;
import io.credmark.store.CommitmentRecord;
import io.credmark.store.CredentialRecord;
import io.credmark.store.CredentialRepository;
import io.credmark.store.DisclosureRecord;
import io.credmark.store.DisclosureRepository;
import io.credmark.store.DuplicateKeyException;
import io.credmark.store.IssuedCredential;
import io.credmark.store.ModelLinkRecord;
import io.credmark.store.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import io.credmark.pixels.watermark.Watermarker;
import io.credmark.store.StampArtifacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and looks up credentials: a stamp whose record is committed before anyone sees the image, so that a client
 * holding a stamped image can always find its credential, and a failed stamp leaves nothing behind.
 *
 * <p>Every stamp commits to every provenance field (see {@link Commitments}) and the store keeps every disclosure.
 * Who sees a field is decided whenever it is shown, from the policies as they are then: the credential's override
 * if its creator set one, else the stricter of the creator's default and what the stamp request asked for. Anyone
 * sees public and protected fields; the creator sees every field. Nothing about it is cached, so every node answers
 * alike the moment a policy changes.
 */
public final class CredentialService {

    /** Attempts at a fresh id; two random 64-bit ids colliding twice in a row does not happen. */
    private static final int ID_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(CredentialService.class);
    private static final Comparator<String> SCHEMA_ORDER = Comparator.comparingInt(
            p -> ProvenanceSchema.paths().indexOf(p));

    private final StampService stamping;
    private final VerifyService verification;
    private final CredentialRepository credentials;
    private final DisclosureRepository disclosures;
    private final Creators creators;
    private final ModelRegistry registry;
    private final CredentialLinks links;
    private final SignerName signer;
    private final Limits limits;
    private final Clock clock;
    private final SecureRandom random;

    public CredentialService(StampService stamping, VerifyService verification, CredentialRepository credentials,
            DisclosureRepository disclosures, Creators creators, ModelRegistry registry, CredentialLinks links,
            SignerName signer, Limits limits, Clock clock, SecureRandom random) {
        this.stamping = stamping;
        this.verification = verification;
        this.credentials = credentials;
        this.disclosures = disclosures;
        this.creators = creators;
        this.registry = registry;
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
     * Stamps the image with a manifest naming a new credential, and commits the credential's record with every
     * disclosure. Fields are stamped with the stricter of the creator's policy (all public for creators who have
     * not registered) and the levels the order asks for; only public ones are written readable into the file.
     *
     * @throws io.credmark.InvalidInputException when the image cannot be stamped, or the order names an unknown
     *                                           model; nothing is recorded then
     * @throws io.credmark.store.StoreException  when the record cannot be committed; the image must not be used
     */
    public Stamped stamp(StampOrder order) {
        ProvenanceDocument provenance;
        Optional<RegisteredModel> model = Optional.empty();
        if (order.provenance() instanceof ProvenanceInput.Registered r) {
            model = Optional.of(registry.find(r.modelId()).orElseThrow(() -> new ProvenanceException(List.of(
                    new Problem(ProvenanceInput.REGISTERED_MODEL, "no registered model '" + r.modelId() + "'")))));
            provenance = registry.snapshot(model.get(), r.generation());
        } else {
            provenance = ((ProvenanceInput.Spelled) order.provenance()).document();
        }
        DisclosurePolicy policy = creatorDefault(provenance.creator().handle()).stricterOf(order.disclosure());
        for (int attempt = 1; ; attempt++) {
            CredentialId id = CredentialId.random(random);
            String url = links.page(id);
            StampResult result = stamping.stamp(new StampRequest(order.image(), provenance,
                    Optional.of(new CredentialRef(id.text(), url)), order.sourceName(), policy, order.options(),
                    OptionalLong.of(WatermarkPayload.of(id))));
            byte[] image = result.toByteArray();
            Credential credential = new Credential(id, result.manifestLabel(), result.format().mediaType(),
                    sha256(image), provenance, signer, order.apiKeyName(), Timestamps.storable(clock.instant()));
            Commitments c = result.commitments();
            List<DisclosureRecord> rows = c.disclosures().stream().map(d -> new DisclosureRecord(id.value(), d.path(),
                    d.encoded(), c.levels().get(d.path()).wireName())).toList();
            CommitmentRecord commitments = new CommitmentRecord(id.value(), Commitments.DIGEST_ALG,
                    String.join(" ", c.digests().stream().map(CredentialService::base64).toList()),
                    Creators.policyJson(order.disclosure()), Optional.empty(), Optional.empty());
            Optional<ModelLinkRecord> link = model.map(m -> new ModelLinkRecord(id.value(), m.id(), m.revision()));
            try {
                StampArtifacts artifacts = new StampArtifacts(result.manifest().store(), result.watermark()
                        .map(WatermarkStamp::payloadId).orElse(OptionalLong.empty()));
                disclosures.insertIssued(toRecord(credential), artifacts, rows, commitments, link);
                return new Stamped(credential, url, result.format(), image, result.mark(), result.watermark(),
                        result.parentManifest(), c, result.manifest().timeStamp());
            } catch (DuplicateKeyException e) {
                if (attempt == ID_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The credential's record, whole: for the service's own use, never to be shown as it is. */
    public Optional<Credential> find(CredentialId id) {
        return credentials.find(id.value()).map(CredentialService::fromRecord);
    }

    /**
     * The credential as {@code viewer} may see it, each revealed field checked against the digests its manifest
     * signed.
     *
     * @throws NotFoundException when there is no such credential
     */
    public CredentialView view(CredentialId id, Viewer viewer) {
        Credential c = require(id);
        String handle = c.provenance().creator().handle();
        boolean owner = viewer.isCreator(handle);
        Optional<CredentialView.ModelLink> model = disclosures.modelLink(id.value()).map(l -> new CredentialView
                .ModelLink(l.modelId(), l.modelRevision(), registry.page(l.modelId()), registry.json(l.modelId())));
        Optional<CommitmentRecord> commitments = disclosures.commitments(id.value());
        if (commitments.isEmpty()) {
            // stamped before disclosures were recorded: nothing to prove from, so show the record's visible fields
            DisclosurePolicy policy = creatorDefault(handle);
            ObjectNode provenance = owner ? c.provenance().toJson() : ModelRegistry.visibleFields(c.provenance(), policy);
            return new CredentialView(c, owner, provenance, List.of(), Optional.empty(), model);
        }
        DisclosurePolicy policy = effective(commitments.get(), handle);
        Predicate<String> visible = path -> owner || policy.levelOf(path) != DisclosureLevel.PRIVATE;
        List<DisclosureRecord> rows = new ArrayList<>(disclosures.disclosures(id.value()));
        rows.sort(Comparator.comparing(DisclosureRecord::path, SCHEMA_ORDER));
        List<DisclosureCheck.Presented> presented = rows.stream().filter(r -> visible.test(r.path()))
                .map(r -> new DisclosureCheck.Presented(r.disclosure(), CheckedDisclosure.Source.SERVICE)).toList();
        List<CheckedDisclosure> checked = DisclosureCheck.check(digests(commitments.get()), true, presented);
        List<CredentialView.Revealed> revealed = checked.stream().map(ch -> new CredentialView.Revealed(ch,
                ch.path() == null ? null : policy.levelOf(ch.path()))).toList();
        ObjectNode provenance = DisclosureCheck.provenProvenance(identity(c.provenance()), checked);
        Optional<CredentialView.DisclosureState> state = owner
                ? Optional.of(state(commitments.get(), rows, policy, handle)) : Optional.empty();
        return new CredentialView(c, owner, provenance, revealed, state, model);
    }

    /**
     * Sets the creator's policy for one credential (replacing their default for it), or removes it.
     *
     * @return the creator's view of the credential, listing the fields that are no longer public but readable in the
     *         file stamped
     * @throws AccessDeniedException when the credential is not the creator's
     */
    public CredentialView setOverride(CredentialId id, CreatorAccount creator, Optional<DisclosurePolicy> policy) {
        Credential c = requireOwn(id, creator);
        if (!disclosures.setOverride(id.value(), policy.map(Creators::policyJson),
                Timestamps.storable(clock.instant()))) {
            throw new ConflictException("the credential " + id.text() + " was stamped before disclosures were"
                    + " recorded; its fields cannot be disclosed selectively");
        }
        LOG.info("creator {} {} the disclosure policy of credential {}", creator.handle(),
                policy.isPresent() ? "set" : "removed", c.id().text());
        return view(id, Viewer.creator(creator));
    }

    /**
     * The creator's evidence for the credential: the disclosures of the chosen fields (all, when none are chosen),
     * to prove their values against the file offline ({@code credmark verify FILE --evidence BUNDLE.json}).
     *
     * @throws AccessDeniedException when the credential is not the creator's
     * @throws InvalidInputException when a chosen field is not one of the credential's
     */
    public EvidenceBundle evidence(CredentialId id, CreatorAccount creator, Optional<List<String>> fields) {
        Credential c = requireOwn(id, creator);
        Map<String, String> byPath = new LinkedHashMap<>();
        disclosures.disclosures(id.value()).stream().sorted(Comparator.comparing(DisclosureRecord::path, SCHEMA_ORDER))
                .forEach(r -> byPath.put(r.path(), r.disclosure()));
        List<String> chosen = new ArrayList<>();
        for (String path : fields.orElse(List.copyOf(byPath.keySet()))) {
            String d = byPath.get(path);
            if (d == null) {
                throw new InvalidInputException(InvalidInputException.Kind.INVALID_DOCUMENT, "fields: '"
                        + Creators.shorten(path) + "' is not a disclosable field of this credential (it has: "
                        + String.join(", ", byPath.keySet()) + ")");
            }
            if (!chosen.contains(d)) {
                chosen.add(d);
            }
        }
        return new EvidenceBundle(c.manifestLabel(), Optional.of(id.text()), Optional.of(links.page(id)), chosen);
    }

    /** The creator's credentials, newest first; {@code limit} is at most 500. */
    public List<CreatorCredential> listOf(CreatorAccount creator, int limit, long offset) {
        return disclosures.listByCreator(creator.handle(), Math.max(1, Math.min(limit, 500)), Math.max(0, offset))
                .stream().map(r -> new CreatorCredential(new CredentialId(r.id()), links.page(new CredentialId(r.id())),
                        r.modelName(), r.mediaType(), r.createdAt(), Optional.ofNullable(r.modelId()),
                        r.hasOverride())).toList();
    }

    /** Verifies as anyone sees it. */
    public Verification verify(byte[] image) {
        return verify(image, Viewer.ANYONE, List.of());
    }

    /**
     * Verifies the image and, when its manifest is one of this installation's credentials, looks it up and reveals
     * what {@code viewer} may see of it: the fields the file carries and those the service keeps, as far as the
     * policies now let the viewer see them, each checked against the digests the file's manifest signed. Fields
     * carried readable in the file but no longer visible are left out of the report too (the file still has them;
     * an offline verifier shows them). Images over the pixel limit are refused as they are for stamping, although
     * verifying decodes no pixel, so that both routes accept the same images.
     *
     * @param evidence disclosures the caller presents (a creator's evidence bundle), checked and reported as such
     */
    public Verification verify(byte[] image, Viewer viewer, List<String> evidence) {
        List<DisclosureCheck.Presented> presentedEvidence = evidence.stream()
                .map(d -> new DisclosureCheck.Presented(d, CheckedDisclosure.Source.EVIDENCE)).toList();
        VerificationReport report = verification.verify(image, presentedEvidence);
        limits.checkPixels(report.header());
        Optional<CredentialId> claimed = report.provenance().flatMap(ProvenanceView::credentialId)
                .flatMap(CredentialId::parse);
        Optional<IssuedCredential> recorded = claimed.flatMap(id -> disclosures.issued(id.value()));
        boolean sameFile = recorded.map(r -> r.sha256().equals(sha256(image))).orElse(false);
        boolean ours = recorded.isPresent() && report.validation()
                .map(v -> v.activeManifest().equals(recorded.get().manifestLabel())).orElse(false);
        if (ours) {
            report = report.withProvenance(Optional.of(reveal(report, recorded.get(),
                    disclosures.commitments(recorded.get().id()), viewer, presentedEvidence)));
        }
        WatermarkCheck watermark = watermark(image, report, ours && sameFile);
        Optional<CredentialView> recovered = Optional.empty();
        if (!watermark.manifestValid() && watermark.leadsTo().isPresent()) {
            recovered = Optional.of(view(watermark.leadsTo().get().id(), viewer));
        }
        return new Verification(report, claimed, recorded.isPresent(), sameFile, watermark, recovered);
    }

    /**
     * Reads the watermark and looks up the credential it leads to. The file exactly as issued is not searched: its
     * watermark is the one its own valid manifest records. Any other file is, so that a valid manifest made for
     * someone else's watermarked image (signed anew, or a copy of the image stamped again) is caught.
     */
    private WatermarkCheck watermark(byte[] image, VerificationReport report, boolean issuedFile) {
        boolean manifestValid = report.status() == VerificationReport.Status.TRUSTED
                || report.status() == VerificationReport.Status.VALID;
        Optional<Long> recorded = manifestValid ? report.provenance().map(p -> p.assertion().watermark())
                .filter(w -> Watermarker.ALGORITHM.equals(w.path("algorithm").asText()))
                .flatMap(w -> WatermarkPayload.parseHex(w.path("payloadId").asText(null))) : Optional.empty();
        Optional<WatermarkScan> scan = issuedFile ? Optional.empty() : Optional.of(verification.scanWatermark(image));
        return new WatermarkCheck(scan, recorded,
                WatermarkCheck.present(scan, recorded).flatMap(this::findByWatermark), manifestValid);
    }

    /**
     * The credentials whose watermark carries {@code watermarkId} (the C2PA soft-binding resolution API's
     * {@code byBinding} query): at most one, since the id is unique.
     */
    public Optional<WatermarkCheck.Found> findByWatermark(long watermarkId) {
        return disclosures.issuedByWatermark(watermarkId).map(c -> new WatermarkCheck.Found(new CredentialId(c.id()),
                links.page(new CredentialId(c.id())), c.manifestLabel()));
    }

    /** The manifest store embedded in the file issued with this manifest, as written. */
    public Optional<byte[]> manifestStore(String manifestLabel) {
        return disclosures.manifestStore(manifestLabel);
    }

    /**
     * The manifest store of the file issued with this manifest, holding only that manifest: without the manifests
     * of the image it was stamped over, which its ingredient assertion refers to.
     */
    public Optional<byte[]> activeManifest(String manifestLabel) {
        return manifestStore(manifestLabel).flatMap(store -> SingleManifestStore.of(store, manifestLabel));
    }

    /**
     * Searches an image's pixels for the watermark and looks up the credential it leads to.
     *
     * @throws InvalidInputException when the pixels cannot be read: not a PNG or JPEG, damaged, over a limit, or
     *                               not decodable faithfully (CMYK)
     */
    public Optional<WatermarkCheck.Found> findByContent(byte[] image) {
        return verification.detectWatermark(image).flatMap(d -> findByWatermark(d.payloadId()));
    }

    /** The report's credmark assertion checked again with what the viewer may see, and only that. */
    private ProvenanceView reveal(VerificationReport report, IssuedCredential credential,
            Optional<CommitmentRecord> commitments, Viewer viewer, List<DisclosureCheck.Presented> evidence) {
        ProvenanceView checkedBefore = report.provenance().orElseThrow();
        CredmarkAssertion.Content assertion = checkedBefore.assertion();
        boolean owner = viewer.isCreator(credential.creatorHandle());
        // a credential stamped before disclosures were recorded follows its creator's default
        DisclosurePolicy policy = commitments.map(c -> effective(c, credential.creatorHandle()))
                .orElseGet(() -> creatorDefault(credential.creatorHandle()));
        Predicate<String> visible = path -> owner || policy.levelOf(path) != DisclosureLevel.PRIVATE;
        List<DisclosureCheck.Presented> presented = new ArrayList<>();
        for (String d : assertion.disclosures()) {
            // carried in the file: shown only while its field is visible; what is no disclosure at all is reported
            Optional<String> path = Disclosure.parse(d).map(Disclosure::path);
            if (path.isEmpty() || visible.test(path.get())) {
                presented.add(new DisclosureCheck.Presented(d, CheckedDisclosure.Source.MANIFEST));
            }
        }
        List<DisclosureRecord> rows = new ArrayList<>(commitments.isPresent() ? disclosures.disclosures(credential.id())
                : List.of());
        rows.sort(Comparator.comparing(DisclosureRecord::path, SCHEMA_ORDER));
        rows.stream().filter(r -> visible.test(r.path()))
                .forEach(r -> presented.add(new DisclosureCheck.Presented(r.disclosure(), CheckedDisclosure.Source.SERVICE)));
        presented.addAll(evidence);
        boolean manifestValid = report.status() == VerificationReport.Status.TRUSTED
                || report.status() == VerificationReport.Status.VALID;
        List<CheckedDisclosure> checked = DisclosureCheck.check(assertion.digests(), manifestValid, presented);
        return new ProvenanceView(assertion, checked, DisclosureCheck.provenProvenance(assertion.identity(), checked));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- policies ------------------------------------------------------------------------------------------------

    private DisclosurePolicy creatorDefault(String handle) {
        return creators.find(handle).map(CreatorAccount::policy).orElse(DisclosurePolicy.ALL_PUBLIC);
    }

    /** The override if the creator set one, else the stricter of their default and what the stamp asked for. */
    private DisclosurePolicy effective(CommitmentRecord c, String handle) {
        if (c.overridePolicy().isPresent()) {
            return Creators.policy(c.overridePolicy().get());
        }
        return creatorDefault(handle).stricterOf(Creators.policy(c.requestedPolicy()));
    }

    private CredentialView.DisclosureState state(CommitmentRecord c, List<DisclosureRecord> rows,
            DisclosurePolicy policy, String handle) {
        Map<String, DisclosureLevel> effective = new LinkedHashMap<>();
        Map<String, DisclosureLevel> stamped = new LinkedHashMap<>();
        List<String> published = new ArrayList<>();
        for (DisclosureRecord r : rows) {
            DisclosureLevel was = DisclosureLevel.parse(r.stampedLevel()).orElseThrow();
            effective.put(r.path(), policy.levelOf(r.path()));
            stamped.put(r.path(), was);
            if (was == DisclosureLevel.PUBLIC && policy.levelOf(r.path()) != DisclosureLevel.PUBLIC) {
                published.add(r.path());
            }
        }
        return new CredentialView.DisclosureState(effective, stamped, creatorDefault(handle),
                Creators.policy(c.requestedPolicy()), c.overridePolicy().map(Creators::policy), c.overrideUpdatedAt(),
                published);
    }

    // --- records -------------------------------------------------------------------------------------------------

    private Credential require(CredentialId id) {
        return find(id).orElseThrow(() -> new NotFoundException("no credential with the id '" + id.text() + "'"));
    }

    private Credential requireOwn(CredentialId id, CreatorAccount creator) {
        Credential c = require(id);
        if (!c.provenance().creator().handle().equals(creator.handle())) {
            throw new AccessDeniedException("the credential " + id.text() + " is not " + creator.handle()
                    + "'s: only its creator may do this");
        }
        return c;
    }

    private static ObjectNode identity(ProvenanceDocument p) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        ProvenanceSchema.fields(p).forEach((path, value) -> {
            if (ProvenanceSchema.identityPaths().contains(path)) {
                fields.put(path, value);
            }
        });
        return ProvenanceSchema.assemble(fields);
    }

    private static List<byte[]> digests(CommitmentRecord c) {
        List<byte[]> out = new ArrayList<>();
        for (String d : c.digests().split(" ")) {
            if (!d.isEmpty()) {
                out.add(Base64.getUrlDecoder().decode(d));
            }
        }
        return out;
    }

    private static String base64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
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
