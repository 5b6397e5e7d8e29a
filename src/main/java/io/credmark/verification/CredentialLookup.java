package io.credmark.verification;

import io.credmark.AccessDeniedException;
import io.credmark.Limits;
import io.credmark.bytes.Sha256;
import io.credmark.c2pa.assertion.CredmarkAssertion;
import io.credmark.c2pa.jumbf.SingleManifestStore;
import io.credmark.c2pa.validate.ValidationResult;
import io.credmark.container.ContainerSkeleton;
import io.credmark.creators.Creators;
import io.credmark.creators.CredentialView;
import io.credmark.creators.CredentialViews;
import io.credmark.creators.Viewer;
import io.credmark.credential.CredentialId;
import io.credmark.credential.CredentialLinks;
import io.credmark.credential.WatermarkPayload;
import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.disclosure.Disclosure;
import io.credmark.disclosure.DisclosureCheck;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.pixels.watermark.Watermarker;
import io.credmark.store.CommitmentRecord;
import io.credmark.store.CredentialStore;
import io.credmark.store.DisclosureRecord;
import io.credmark.store.IssuedCredential;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Verifies images against this installation's records: a manifest that names one of its credentials is revealed as
 * far as the viewer may see it, and a watermark leads to the credential it was stamped for.
 */
public final class CredentialLookup {

    private final VerifyService verification;
    private final CredentialStore store;
    private final Creators creators;
    private final CredentialViews views;
    private final CredentialLinks links;
    private final Limits limits;

    public CredentialLookup(VerifyService verification, CredentialStore store, Creators creators,
            CredentialViews views, CredentialLinks links, Limits limits) {
        this.verification = verification;
        this.store = store;
        this.creators = creators;
        this.views = views;
        this.links = links;
        this.limits = limits;
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
        List<DisclosureCheck.Presented> presentedEvidence = presented(evidence);
        return verify(verification.verify(image, presentedEvidence), () -> Sha256.hex(image),
                () -> verification.scanWatermark(image), viewer, presentedEvidence);
    }

    /**
     * As {@link #verify(byte[], Viewer, List)}, a large file read as its skeleton: its image data is hashed from the
     * file, never held in memory, and its pixels are searched only when it is within the byte limit of what is read
     * whole ({@link VerifyService#scanWatermark(ContainerSkeleton)}).
     */
    public Verification verify(ContainerSkeleton skeleton, Viewer viewer, List<String> evidence) {
        List<DisclosureCheck.Presented> presentedEvidence = presented(evidence);
        return verify(verification.verify(skeleton, presentedEvidence), () -> sha256(skeleton),
                () -> verification.scanWatermark(skeleton), viewer, presentedEvidence);
    }

    private static List<DisclosureCheck.Presented> presented(List<String> evidence) {
        return evidence.stream().map(d -> new DisclosureCheck.Presented(d, CheckedDisclosure.Source.EVIDENCE))
                .toList();
    }

    private static String sha256(ContainerSkeleton skeleton) {
        MessageDigest digest = Sha256.digest();
        skeleton.fileBytes().digest(digest, 0, skeleton.fileLength());
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * @param sha256 the file's SHA-256, hex, asked for only when the manifest names one of this installation's
     *               credentials
     * @param scan   the watermark search, made only when the file is not exactly as issued
     */
    private Verification verify(VerificationReport checked, Supplier<String> sha256, Supplier<WatermarkScan> scan,
            Viewer viewer, List<DisclosureCheck.Presented> presentedEvidence) {
        VerificationReport report = checked;
        limits.checkPixels(report.header());
        Optional<CredentialId> claimed = report.provenance().flatMap(ProvenanceView::credentialId)
                .flatMap(CredentialId::parse);
        Optional<IssuedCredential> recorded = claimed.flatMap(id -> store.issued(id.value()));
        boolean sameFile = recorded.map(r -> r.sha256().equals(sha256.get())).orElse(false);
        boolean ours = recorded.isPresent() && report.validation().map(v -> issuedWith(recorded.get(), v))
                .orElse(false);
        if (ours) {
            report = report.withProvenance(Optional.of(reveal(report, recorded.get(),
                    store.commitments(recorded.get().id()), viewer, presentedEvidence)));
        }
        WatermarkCheck watermark = watermark(scan, report, ours ? claimed : Optional.empty(), ours && sameFile);
        Optional<CredentialView> recovered = Optional.empty();
        if (!watermark.manifestValid() && watermark.leadsTo().isPresent()) {
            recovered = Optional.of(views.view(watermark.leadsTo().get().id(), viewer));
        }
        return new Verification(report, claimed, ours, ours && sameFile, watermark, recovered);
    }

    /**
     * Whether the validated active manifest is the one issued with the credential: its label and its signer
     * certificate are the ones on record. A label is only a name that any signer can copy; the signer cannot be. A
     * credential issued before signers were recorded is matched by its label alone.
     */
    private static boolean issuedWith(IssuedCredential credential, ValidationResult v) {
        if (!v.activeManifest().equals(credential.manifestLabel())) {
            return false;
        }
        return credential.signerSha256().map(recorded -> v.manifest().signer()
                .map(s -> recorded.equals(s.certificateSha256())).orElse(false)).orElse(true);
    }

    /**
     * Reads the watermark and looks up the credential it leads to. The file exactly as issued is not searched: its
     * watermark is the one its own valid manifest records. Any other file is, so that a valid manifest made for
     * someone else's watermarked image (signed anew, or a copy of the image stamped again) is caught.
     *
     * @param issuedFor the credential the active manifest was issued with here, if it is one of this installation's
     */
    private WatermarkCheck watermark(Supplier<WatermarkScan> search, VerificationReport report,
            Optional<CredentialId> issuedFor, boolean issuedFile) {
        boolean manifestValid = report.status() == VerificationReport.Status.TRUSTED
                || report.status() == VerificationReport.Status.VALID;
        Optional<Long> recorded = manifestValid ? report.provenance().map(p -> p.assertion().watermark())
                .filter(w -> Watermarker.ALGORITHM.equals(w.path("algorithm").asText()))
                .flatMap(w -> WatermarkPayload.parseHex(w.path("payloadId").asText(null))) : Optional.empty();
        Optional<WatermarkScan> scan = issuedFile ? Optional.empty() : Optional.of(search.get());
        return new WatermarkCheck(scan, recorded,
                WatermarkCheck.present(scan, recorded).flatMap(this::findByWatermark), manifestValid, issuedFor);
    }

    /**
     * The credentials whose watermark carries {@code watermarkId} (the C2PA soft-binding resolution API's
     * {@code byBinding} query): at most one, since the id is unique.
     */
    public Optional<WatermarkCheck.Found> findByWatermark(long watermarkId) {
        return store.issuedByWatermark(watermarkId).map(c -> new WatermarkCheck.Found(new CredentialId(c.id()),
                links.page(new CredentialId(c.id())), c.manifestLabel()));
    }

    /**
     * The manifest store embedded in the file issued with this manifest, as written, while every field it carries
     * readable is still public. Its assertions are signed as they are, so a withdrawn value cannot be cut out of
     * it: once its creator has made such a field protected or private, the service no longer hands the store out.
     *
     * @throws AccessDeniedException when a field the store carries has been withdrawn
     */
    public Optional<byte[]> manifestStore(String manifestLabel) {
        Optional<IssuedCredential> issued = store.issuedByManifest(manifestLabel);
        if (issued.isEmpty()) {
            return Optional.empty();
        }
        IssuedCredential credential = issued.get();
        DisclosurePolicy policy = store.commitments(credential.id())
                .map(c -> creators.effectivePolicy(c, credential.creatorHandle()))
                .orElseGet(() -> creators.defaultPolicy(credential.creatorHandle()));
        boolean withdrawn = store.disclosures(credential.id()).stream().anyMatch(r ->
                DisclosureLevel.parse(r.stampedLevel()).orElseThrow() == DisclosureLevel.PUBLIC
                        && policy.levelOf(r.path()) != DisclosureLevel.PUBLIC);
        if (withdrawn) {
            throw new AccessDeniedException("the creator has withdrawn a field this manifest carries, so its store is"
                    + " no longer served; the credential's page shows what is public");
        }
        return store.manifestStore(manifestLabel);
    }

    /**
     * The manifest store of the file issued with this manifest, holding only that manifest: without the manifests
     * of the image it was stamped over, which its ingredient assertion refers to.
     */
    public Optional<byte[]> activeManifest(String manifestLabel) {
        return manifestStore(manifestLabel).flatMap(s -> SingleManifestStore.of(s, manifestLabel));
    }

    /**
     * Searches an image's pixels for the watermark and looks up the credential it leads to.
     *
     * @throws io.credmark.InvalidInputException when the pixels cannot be read: not a PNG or JPEG, damaged, over a
     *                                           limit, or not decodable faithfully (CMYK)
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
        DisclosurePolicy policy = commitments.map(c -> creators.effectivePolicy(c, credential.creatorHandle()))
                .orElseGet(() -> creators.defaultPolicy(credential.creatorHandle()));
        Predicate<String> visible = commitments.map(c -> Creators.visibleTo(owner, policy, c))
                .orElse(path -> owner || policy.levelOf(path) != DisclosureLevel.PRIVATE);
        List<DisclosureCheck.Presented> presented = new ArrayList<>();
        for (String d : assertion.disclosures()) {
            // carried in the file: shown only while its field is visible; what is no disclosure at all is reported
            Optional<String> path = Disclosure.parse(d).map(Disclosure::path);
            if (path.isEmpty() || visible.test(path.get())) {
                presented.add(new DisclosureCheck.Presented(d, CheckedDisclosure.Source.MANIFEST));
            }
        }
        List<DisclosureRecord> rows = new ArrayList<>(commitments.isPresent() ? store.disclosures(credential.id())
                : List.of());
        rows.sort(Comparator.comparing(DisclosureRecord::path, CredentialViews.SCHEMA_ORDER));
        rows.stream().filter(r -> visible.test(r.path()))
                .forEach(r -> presented.add(new DisclosureCheck.Presented(r.disclosure(), CheckedDisclosure.Source.SERVICE)));
        presented.addAll(evidence);
        boolean manifestValid = report.status() == VerificationReport.Status.TRUSTED
                || report.status() == VerificationReport.Status.VALID;
        List<CheckedDisclosure> checked = DisclosureCheck.check(assertion.digests(), manifestValid, presented);
        return new ProvenanceView(assertion, checked, DisclosureCheck.provenProvenance(assertion.identity(), checked));
    }
}
