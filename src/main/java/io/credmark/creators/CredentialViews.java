package io.credmark.creators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.AccessDeniedException;
import io.credmark.ConflictException;
import io.credmark.InvalidInputException;
import io.credmark.NotFoundException;
import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.credential.Credential;
import io.credmark.credential.CredentialId;
import io.credmark.credential.CredentialLinks;
import io.credmark.credential.SignerName;
import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.disclosure.DisclosureCheck;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.identity.CredentialEvidence;
import io.credmark.pixels.ClaimThumbnail;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.provenance.ProvenanceSchema;
import io.credmark.store.CommitmentRecord;
import io.credmark.store.CredentialRecord;
import io.credmark.store.CredentialStore;
import io.credmark.store.DisclosureRecord;
import io.credmark.store.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issued credentials as each viewer may see them, and the creator's say over them.
 *
 * <p>Every stamp commits to every provenance field and the store keeps every disclosure. Who sees a field is decided
 * whenever it is shown, from the policies as they are then (see {@link Creators#effectivePolicy}). Anyone sees
 * public and protected fields; the creator sees every field. Nothing about it is cached, so every node answers alike
 * the moment a policy changes.
 */
public final class CredentialViews {

    /** Fields in the order the provenance schema lists them. */
    public static final Comparator<String> SCHEMA_ORDER = Comparator.comparingInt(
            p -> ProvenanceSchema.paths().indexOf(p));
    private static final Logger LOG = LoggerFactory.getLogger(CredentialViews.class);

    private final CredentialStore store;
    private final Creators creators;
    private final ModelRegistry registry;
    private final CredentialLinks links;
    private final CredentialEvidence evidence;
    private final Clock clock;

    /** @param evidence makes the creator's evidence bundles */
    public CredentialViews(CredentialStore store, Creators creators, ModelRegistry registry, CredentialLinks links,
            CredentialEvidence evidence, Clock clock) {
        this.store = store;
        this.creators = creators;
        this.registry = registry;
        this.links = links;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** Where this installation's credentials live on the web. */
    public CredentialLinks links() {
        return links;
    }

    /** The credential's record, whole: for the service's own use, never to be shown as it is. */
    public Optional<Credential> find(CredentialId id) {
        return store.find(id.value()).map(CredentialViews::fromRecord);
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
        Optional<CredentialView.ModelLink> model = store.modelLink(id.value()).map(l -> new CredentialView
                .ModelLink(l.modelId(), l.modelRevision(), registry.page(l.modelId()), registry.json(l.modelId())));
        Optional<CommitmentRecord> commitments = store.commitments(id.value());
        if (commitments.isEmpty()) {
            // stamped before disclosures were recorded: nothing to prove from, so show the record's visible fields
            DisclosurePolicy policy = creators.defaultPolicy(handle);
            ObjectNode provenance = owner ? c.provenance().toJson() : ModelRegistry.visibleFields(c.provenance(), policy);
            return new CredentialView(c, owner, provenance, List.of(), Optional.empty(), model);
        }
        DisclosurePolicy policy = creators.effectivePolicy(commitments.get(), handle);
        Predicate<String> visible = Creators.visibleTo(owner, policy, commitments.get());
        List<DisclosureRecord> rows = new ArrayList<>(store.disclosures(id.value()));
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
        if (!store.setOverride(id.value(), policy.map(Creators::policyJson),
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
     * to prove their values against the file offline ({@code credmark verify FILE --evidence BUNDLE.json}), and
     * what the manifest's signatures carry: the time-stamp and the signer's and identity credentials' chains, with
     * a time-stamp over the signature taken now.
     *
     * @throws AccessDeniedException when the credential is not the creator's
     * @throws InvalidInputException when a chosen field is not one of the credential's
     * @throws io.credmark.c2pa.sign.TimeStampUnavailableException when the time-stamping authority cannot be
     *                                                             reached and {@code tsa.required} is on
     */
    public EvidenceBundle evidence(CredentialId id, CreatorAccount creator, Optional<List<String>> fields) {
        Credential c = requireOwn(id, creator);
        Map<String, String> byPath = new LinkedHashMap<>();
        DisclosurePolicy requested = store.commitments(id.value()).map(r -> Creators.policy(r.requestedPolicy()))
                .orElse(DisclosurePolicy.ALL_PUBLIC);
        // what the stamping front end made private is its user's, not the creator's (the front end had it at stamp time)
        store.disclosures(id.value()).stream().sorted(Comparator.comparing(DisclosureRecord::path, SCHEMA_ORDER))
                .filter(r -> requested.levelOf(r.path()) != DisclosureLevel.PRIVATE)
                .forEach(r -> byPath.put(r.path(), r.disclosure()));
        List<String> chosen = new ArrayList<>();
        for (String path : fields.orElse(List.copyOf(byPath.keySet()))) {
            String d = byPath.get(path);
            if (d == null) {
                throw InvalidInputException.invalidDocument("fields", "'"
                        + Creators.shorten(path) + "' is not a disclosable field of this credential (it has: "
                        + String.join(", ", byPath.keySet()) + ")");
            }
            if (!chosen.contains(d)) {
                chosen.add(d);
            }
        }
        Optional<byte[]> manifestStore = store.manifestStore(c.manifestLabel());
        if (manifestStore.isEmpty()) {
            // issued before manifest stores were kept: the disclosures alone
            return new EvidenceBundle(c.manifestLabel(), Optional.of(id.text()), Optional.of(links.page(id)), chosen);
        }
        return evidence.bundle(c.manifestLabel(), Optional.of(id.text()), Optional.of(links.page(id)), chosen,
                manifestStore.get());
    }

    /** The creator's credentials, newest first; {@code limit} is at most 500. */
    public List<CreatorCredential> listOf(CreatorAccount creator, int limit, long offset) {
        return store.listByCreator(creator.handle(), Math.max(1, Math.min(limit, 500)), Math.max(0, offset))
                .stream().map(r -> new CreatorCredential(new CredentialId(r.id()), links.page(new CredentialId(r.id())),
                        r.modelName(), r.mediaType(), r.createdAt(), Optional.ofNullable(r.modelId()),
                        r.hasOverride())).toList();
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
        return new CredentialView.DisclosureState(effective, stamped, creators.defaultPolicy(handle),
                Creators.policy(c.requestedPolicy()), c.overridePolicy().map(Creators::policy), c.overrideUpdatedAt(),
                published);
    }

    /**
     * The claim thumbnail of the image issued with this credential (a JPEG), read from the manifest store kept with
     * the record: the page can show which image the credential belongs to without the file.
     */
    public Optional<byte[]> thumbnail(CredentialId id) {
        return find(id).flatMap(c -> store.manifestStore(c.manifestLabel()).flatMap(s -> {
            SuperBox manifest = JumbfReader.readSuperBox(s).child(c.manifestLabel()).orElse(null);
            return Optional.ofNullable(manifest).flatMap(m -> m.child("c2pa.assertions"))
                    .flatMap(a -> a.child(ClaimThumbnail.LABEL))
                    .flatMap(t -> t.contentBoxes().stream().filter(b -> b.type().equals("bidb")).findFirst())
                    .map(b -> b.payload().toByteArray());
        }));
    }

    private Credential require(CredentialId id) {
        return find(id).orElseThrow(() -> new NotFoundException("no credential with the id '" + id.text() + "'"));
    }

    private Credential requireOwn(CredentialId id, CreatorAccount creator) {
        Credential c = require(id);
        if (!c.provenance().creator().handle().equals(creator.handle())) {
            throw new AccessDeniedException("this token may not do this to the credential " + id.text()
                    + ": only its creator may");
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

    private static Credential fromRecord(CredentialRecord r) {
        ProvenanceDocument provenance = ProvenanceParser.parse(r.provenanceJson().getBytes(StandardCharsets.UTF_8));
        return new Credential(new CredentialId(r.id()), r.manifestLabel(), r.mediaType(), r.sha256(), provenance,
                new SignerName(r.signerOrganization(), r.signerCommonName(), r.signerIssuer()), r.apiKeyName(),
                r.createdAt());
    }
}
