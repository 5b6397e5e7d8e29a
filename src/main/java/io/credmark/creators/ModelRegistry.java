package io.credmark.creators;

import io.credmark.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.AccessDeniedException;
import io.credmark.ConflictException;
import io.credmark.NotFoundException;
import io.credmark.c2pa.sign.TimeStamp;
import io.credmark.c2pa.sign.TimeStampOutcome;
import io.credmark.c2pa.sign.TimeStamper;
import io.credmark.c2pa.sign.TimeStampUnavailableException;
import io.credmark.c2pa.sign.TimeStamping;
import io.credmark.credential.CredentialLinks;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.identity.ModelEvidence;
import io.credmark.identity.ModelRegistration;
import io.credmark.identity.TimeStampEvidence;
import io.credmark.pki.TrustAnchors;
import io.credmark.provenance.Generation;
import io.credmark.provenance.Model;
import io.credmark.provenance.Problem;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceException;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.provenance.ProvenanceSchema;
import io.credmark.store.CredentialStore;
import io.credmark.store.DuplicateKeyException;
import io.credmark.store.LineageEdge;
import io.credmark.store.ModelRecord;
import io.credmark.store.ModelRepository;
import io.credmark.store.ModelTimeStampRecord;
import io.credmark.store.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry ("model attribution tool"): creators register their models with lineage, usage terms and
 * credits, in the shapes of the provenance document. Lineage entries may name other registered models by
 * {@code modelId}, any creator's, so that lineage forms a DAG across creators; writes that would close a cycle are
 * refused. What a viewer sees of a model follows its creator's default disclosure policy.
 *
 * <p>A registry record is a provenance document without {@code generation}: {@code creator} (the handle is the
 * registering creator's), {@code model}, {@code lineage}, {@code usage}; a submission may also name the
 * {@code slug} (on creation; the id is {@code HANDLE:SLUG}, the slug defaulting to one made from the model's name).
 *
 * <p>Every revision is time-stamped when it is written (RFC 3161, by the authority stamps use, with the same
 * {@code tsa.required} rule): the token covers a statement of the model's id, revision, creator, registration time
 * and record, and is kept with every earlier revision's, so that the creator's evidence shows the first
 * registration too. Revisions written without a token (before registrations were time-stamped, or while the
 * authority could not be reached) get one when their evidence is first asked for.
 */
public final class ModelRegistry {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}:[a-z0-9][a-z0-9._-]{0,62}");
    private static final String BASE_MODELS = "baseModels";
    private static final String MERGES = "merges";
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final ObjectMapper STATEMENTS = Json.mapper();

    private final ModelRepository models;
    private final Creators creators;
    private final CredentialStore disclosures;
    private final CredentialLinks links;
    private final TimeStamping timeStamping;
    private final TrustAnchors anchors;
    private final Clock clock;

    /**
     * @param timeStamping how registrations are time-stamped
     * @param anchors      the roots the service knows, to complete a time-stamping authority's chain in evidence
     */
    public ModelRegistry(ModelRepository models, Creators creators, CredentialStore disclosures,
            CredentialLinks links, TimeStamping timeStamping, TrustAnchors anchors, Clock clock) {
        this.models = models;
        this.creators = creators;
        this.disclosures = disclosures;
        this.links = links;
        this.timeStamping = timeStamping;
        this.anchors = anchors;
        this.clock = clock;
    }

    /**
     * Registers a model of {@code creator}.
     *
     * @throws ProvenanceException naming each problem with its path: an invalid record, an unknown referenced model,
     *                             a cycle
     * @throws ConflictException   when the creator already has a model with that slug
     * @throws TimeStampUnavailableException when the time-stamping authority cannot be reached and
     *                             {@code tsa.required} is on; nothing is registered then
     */
    public ModelRegistered create(CreatorAccount creator, ModelSubmission submission) {
        ObjectNode document = submission.record(creator);
        String slug = submission.slug().orElseGet(() -> slugOf(document));
        String id = creator.handle() + ":" + slug;
        if (models.find(id).isPresent()) {
            throw new ConflictException("the model '" + id + "' is registered; change it with PUT");
        }
        Instant now = Timestamps.storable(clock.instant());
        // taken before the registry is locked: an authority over the network may take seconds
        Optional<Stamped> stamped = parsed(document).map(p -> stamp(new ModelRegistration(id, 1, creator.handle(),
                now, p.toJson())));
        try {
            return models.write(w -> {
                if (w.find(id).isPresent()) {
                    throw new ConflictException("the model '" + id + "' is registered; change it with PUT");
                }
                Resolved r = resolve(w, id, document);
                ModelRecord record = new ModelRecord(id, creator.handle(), r.record().model().name(),
                        r.record().toJson().toString(), 1, now, now);
                w.insert(record, r.edges());
                Stamped s = stamped.orElseThrow();
                w.insertTimeStamp(s.record());
                return new ModelRegistered(view(record), s.outcome());
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException("the model '" + id + "' is registered; change it with PUT");
        }
    }

    /**
     * Replaces the record of one of {@code creator}'s models. Credentials stamped before keep the record they were
     * stamped with.
     *
     * @throws NotFoundException when the creator has no such model
     * @throws ConflictException when the model was changed by another request meanwhile
     * @throws TimeStampUnavailableException when the time-stamping authority cannot be reached and
     *                             {@code tsa.required} is on; nothing is changed then
     */
    public ModelRegistered replace(CreatorAccount creator, String id, ModelSubmission submission) {
        int revision = ownModel(creator, id).revision() + 1;
        if (submission.slug().isPresent() && !submission.slug().get().equals(id.substring(id.indexOf(':') + 1))) {
            throw new ProvenanceException(List.of(new Problem("slug", "a model's slug cannot change (it is '"
                    + id.substring(id.indexOf(':') + 1) + "')")));
        }
        ObjectNode document = submission.record(creator);
        Instant now = Timestamps.storable(clock.instant());
        Optional<Stamped> stamped = parsed(document).map(p -> stamp(new ModelRegistration(id, revision,
                creator.handle(), now, p.toJson())));
        return models.write(w -> {
            ModelRecord old = w.find(id).orElseThrow(() -> notFound(id));
            if (old.revision() + 1 != revision) {
                throw new ConflictException("the model '" + Creators.shorten(id) + "' was changed meanwhile (it is at"
                        + " revision " + old.revision() + "); send the change again");
            }
            Resolved r = resolve(w, id, document);
            ModelRecord record = new ModelRecord(id, creator.handle(), r.record().model().name(),
                    r.record().toJson().toString(), revision, old.createdAt(), now);
            w.update(record, r.edges());
            Stamped s = stamped.orElseThrow();
            w.insertTimeStamp(s.record());
            return new ModelRegistered(view(record), s.outcome());
        });
    }

    /**
     * The model's evidence: every time-stamped revision's statement, token and authority chain, for
     * {@code credmark verify-evidence} to check offline. The current revision, when it has no token, gets one now
     * (under the registration rules: without one when time-stamping is off or not required). Anyone may have
     * the evidence of a model whose records show no private field to them (the statements hold the whole record);
     * otherwise only its creator.
     *
     * @throws AccessDeniedException when the viewer is not the creator and a record has fields private to them
     * @throws TimeStampUnavailableException when a token is missing, the authority cannot be reached and
     *                                       {@code tsa.required} is on
     */
    public ModelEvidence evidence(RegisteredModel m, Viewer viewer) {
        List<ModelTimeStampRecord> rows = models.timeStamps(m.id());
        if (!viewer.isCreator(m.creatorHandle())) {
            DisclosurePolicy policy = creators.defaultPolicy(m.creatorHandle());
            List<ProvenanceDocument> records = new ArrayList<>(List.of(m.record()));
            rows.forEach(r -> records.add(ProvenanceParser.parse(statement(r).get("record"))));
            for (ProvenanceDocument record : records) {
                if (ProvenanceSchema.fields(record).keySet().stream()
                        .anyMatch(p -> policy.levelOf(p) == DisclosureLevel.PRIVATE)) {
                    throw new AccessDeniedException("the record of '" + Creators.shorten(m.id()) + "' has fields its"
                            + " creator keeps private; only the creator may have its evidence, with their token");
                }
            }
        }
        Optional<ModelTimeStampRecord> current = rows.stream().filter(r -> r.revision() == m.revision()).findFirst();
        if (current.isEmpty() || current.get().token().isEmpty()) {
            String statement = current.map(ModelTimeStampRecord::statement).orElseGet(() -> new String(
                    registration(m).canonicalBytes(), StandardCharsets.UTF_8));
            Stamped late = stamp(m.id(), m.revision(), statement);
            if (late.record().token().isPresent() || current.isEmpty()) {
                models.write(w -> {
                    w.fillTimeStamp(late.record());
                    return null;
                });
                rows = models.timeStamps(m.id());
            }
        }
        List<ModelEvidence.Registration> registrations = new ArrayList<>();
        for (ModelTimeStampRecord r : rows) {
            registrations.add(new ModelEvidence.Registration(statement(r),
                    r.token().map(t -> TimeStampEvidence.of(t, anchors))));
        }
        return new ModelEvidence(m.id(), page(m.id()), registrations);
    }

    private static ObjectNode statement(ModelTimeStampRecord r) {
        try {
            return (ObjectNode) STATEMENTS.readTree(r.statement());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the stored statement of " + r.modelId() + " revision " + r.revision()
                    + " is not a JSON object", e);
        }
    }

    /** A revision's statement as it would have been time-stamped when it was written. */
    private static ModelRegistration registration(RegisteredModel m) {
        return new ModelRegistration(m.id(), m.revision(), m.creatorHandle(),
                m.revision() == 1 ? m.createdAt() : m.updatedAt(), m.record().toJson());
    }

    /** A statement to record with its revision, and its token or why there is none. */
    private record Stamped(ModelTimeStampRecord record, TimeStampOutcome outcome) {
    }

    private Stamped stamp(ModelRegistration registration) {
        return stamp(registration.modelId(), registration.revision(),
                new String(registration.canonicalBytes(), StandardCharsets.UTF_8));
    }

    /**
     * Time-stamps a revision's statement as stamps are: without an authority (tsa.url none), or with an unreachable
     * one and tsa.required off, the revision goes without a token and the outcome says why.
     *
     * @throws TimeStampUnavailableException when the authority cannot be reached and tsa.required is on
     */
    private Stamped stamp(String modelId, int revision, String statement) {
        Optional<TimeStamper> authority = timeStamping.authority();
        if (authority.isEmpty()) {
            return new Stamped(new ModelTimeStampRecord(modelId, revision, statement, Optional.empty(),
                    Optional.empty()), TimeStampOutcome.missing("time-stamping is off (tsa.url none)"));
        }
        try {
            TimeStamp t = authority.get().timeStamp(statement.getBytes(StandardCharsets.UTF_8));
            return new Stamped(new ModelTimeStampRecord(modelId, revision, statement, Optional.of(t.token()),
                    Optional.of(Timestamps.storable(t.time()))), TimeStampOutcome.of(t));
        } catch (TimeStampUnavailableException e) {
            if (timeStamping.required()) {
                throw e;
            }
            LOG.warn("model {} revision {} goes without a time-stamp: {}", modelId, revision, e.getMessage());
            return new Stamped(new ModelTimeStampRecord(modelId, revision, statement, Optional.empty(),
                    Optional.empty()), TimeStampOutcome.missing(e.getMessage()));
        }
    }

    /** The record, when the document is valid; when not, the locked write names every problem. */
    private static Optional<ProvenanceDocument> parsed(ObjectNode document) {
        try {
            return Optional.of(ProvenanceParser.parse(document));
        } catch (ProvenanceException e) {
            return Optional.empty();
        }
    }

    public Optional<RegisteredModel> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return models.find(id).map(ModelRegistry::view);
    }

    /** @throws NotFoundException unless the model exists and is {@code creator}'s */
    public RegisteredModel ownModel(CreatorAccount creator, String id) {
        return find(id).filter(m -> m.creatorHandle().equals(creator.handle())).orElseThrow(() -> notFound(id));
    }

    public List<RegisteredModel> list(String handle) {
        return models.listByCreator(handle).stream().map(ModelRegistry::view).toList();
    }

    /** The page of a registered model for people. */
    public String page(String id) {
        return links.modelPage(id);
    }

    /** The model's JSON. */
    public String json(String id) {
        return links.modelJson(id);
    }

    /**
     * The provenance a stamp naming the model carries: the record as it is now, and the request's generation. When
     * the record names no model page, the registry's page is written as {@code model.url}, so that the file links to
     * it.
     */
    public ProvenanceDocument snapshot(RegisteredModel m, Generation generation) {
        ProvenanceDocument r = m.record();
        Model model = r.model().url() != null ? r.model()
                : new Model(r.model().name(), r.model().version(), r.model().hash(), page(m.id()));
        return new ProvenanceDocument(r.creator(), model, generation, r.lineage(), r.usage());
    }

    /** The model as {@code viewer} may see it. */
    public ModelView view(RegisteredModel m, Viewer viewer) {
        Map<String, DisclosurePolicy> policies = new HashMap<>();
        boolean owner = viewer.isCreator(m.creatorHandle());
        ObjectNode record = owner ? m.record().toJson()
                : visibleFields(m.record(), policyOf(m.creatorHandle(), policies));

        List<ModelView.ModelSummary> upstream = new ArrayList<>();
        List<ModelView.Link> edges = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(List.of(m.id()));
        Deque<Map.Entry<String, Integer>> queue = new ArrayDeque<>(List.of(Map.entry(m.id(), 0)));
        Map<String, RegisteredModel> byId = new HashMap<>(Map.of(m.id(), m));
        while (!queue.isEmpty()) {
            Map.Entry<String, Integer> next = queue.poll();
            RegisteredModel from = byId.get(next.getKey());
            for (LineageEdge e : models.upstreamOf(from.id())) {
                if (!edgeVisible(from.creatorHandle(), e.kind(), viewer, policies)) {
                    continue;
                }
                edges.add(new ModelView.Link(e.modelId(), e.upstreamId(), e.kind(), e.weight()));
                if (seen.add(e.upstreamId())) {
                    Optional<RegisteredModel> up = find(e.upstreamId());
                    if (up.isPresent()) {
                        byId.put(up.get().id(), up.get());
                        upstream.add(summary(up.get(), next.getValue() + 1));
                        queue.add(Map.entry(up.get().id(), next.getValue() + 1));
                    }
                }
            }
        }
        List<ModelView.Use> usedBy = new ArrayList<>();
        for (LineageEdge e : models.downstreamOf(m.id())) {
            Optional<RegisteredModel> down = find(e.modelId());
            if (down.isPresent() && edgeVisible(down.get().creatorHandle(), e.kind(), viewer, policies)) {
                usedBy.add(new ModelView.Use(summary(down.get(), 1), e.kind(), e.weight()));
            }
        }
        List<String> credits = upstream.stream().map(ModelView.ModelSummary::creator)
                .filter(h -> !h.equals(m.creatorHandle())).distinct().toList();
        return new ModelView(m, page(m.id()), owner, record, upstream, edges, usedBy, credits,
                disclosures.credentialsOfModel(m.id()));
    }

    ModelView.ModelSummary summary(RegisteredModel m, int depth) {
        return new ModelView.ModelSummary(m.id(), m.name(), m.creatorHandle(), page(m.id()), depth);
    }

    // --- writing -------------------------------------------------------------------------------------------------

    private record Resolved(ProvenanceDocument record, List<LineageEdge> edges) {
    }

    /**
     * Resolves the lineage entries that name registered models, inside the registry lock: each must exist, and none
     * may lead back to the model. A reference without a name is given the referenced model's name.
     */
    private Resolved resolve(ModelRepository.Writer w, String id, ObjectNode document) {
        List<Problem> problems = new ArrayList<>();
        List<LineageEdge> edges = new ArrayList<>();
        JsonNode lineage = document.path("lineage");
        for (String kind : List.of(BASE_MODELS, MERGES)) {
            JsonNode entries = lineage.path(kind);
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                JsonNode reference = kind.equals(MERGES) ? entry.path("model") : entry;
                String path = "lineage." + kind + "[" + i + "]" + (kind.equals(MERGES) ? ".model" : "") + ".modelId";
                if (!reference.isObject() || !reference.hasNonNull("modelId")) {
                    continue;
                }
                String upstream = reference.get("modelId").asText();
                Optional<ModelRecord> target = ID.matcher(upstream).matches() ? w.find(upstream) : Optional.empty();
                if (!upstream.equals(id) && target.isEmpty()) {
                    problems.add(new Problem(path, "no registered model '" + upstream + "'"));
                    continue;
                }
                List<String> cycle = pathBack(w, upstream, id);
                if (!cycle.isEmpty()) {
                    // the links in between may be other creators' private lineage: name only what the caller did
                    problems.add(new Problem(path, "the lineage would form a cycle: '" + upstream
                            + "' already descends from '" + id + "'"));
                    continue;
                }
                if (!reference.hasNonNull("name")) {
                    ((ObjectNode) reference).put("name", target.orElseThrow().name());
                }
                Double weight = kind.equals(MERGES) && entry.path("weight").isNumber()
                        ? entry.get("weight").doubleValue() : null;
                edges.add(new LineageEdge(id, upstream, kind, i, weight));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProvenanceException(problems);
        }
        return new Resolved(ProvenanceParser.parse(document), edges);
    }

    /**
     * A path of lineage edges from {@code start} up to {@code target}, as the ids visited ({@code start} first,
     * {@code target} last); empty when there is none. The registry is a DAG before the write, so this terminates.
     */
    private static List<String> pathBack(ModelRepository.Writer w, String start, String target) {
        Map<String, String> parent = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        parent.put(start, null);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(target)) {
                List<String> path = new ArrayList<>();
                for (String s = at; s != null; s = parent.get(s)) {
                    path.add(0, s);
                }
                return path;
            }
            for (LineageEdge e : w.upstreamOf(at)) {
                if (!parent.containsKey(e.upstreamId())) {
                    parent.put(e.upstreamId(), at);
                    queue.add(e.upstreamId());
                }
            }
        }
        return List.of();
    }

    private static String slugOf(ObjectNode document) {
        String name = document.path("model").path("name").asText("");
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 63) {
            slug = slug.substring(0, 63).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            throw new ProvenanceException(List.of(new Problem("slug", "required: the model's name gives no slug"
                    + " (a-z, 0-9, '.', '_', '-')")));
        }
        return slug;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    private DisclosurePolicy policyOf(String handle, Map<String, DisclosurePolicy> policies) {
        return policies.computeIfAbsent(handle, h -> creators.find(h).map(CreatorAccount::policy)
                .orElse(DisclosurePolicy.ALL_PUBLIC));
    }

    /** A lineage link is shown when its creator lets the viewer see that lineage field. */
    private boolean edgeVisible(String creatorHandle, String kind, Viewer viewer, Map<String, DisclosurePolicy> policies) {
        return viewer.isCreator(creatorHandle)
                || policyOf(creatorHandle, policies).levelOf("lineage." + kind) != DisclosureLevel.PRIVATE;
    }

    /** The fields of a record that anyone may see: identity, public and protected. */
    static ObjectNode visibleFields(ProvenanceDocument record, DisclosurePolicy policy) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        ProvenanceSchema.fields(record).forEach((path, value) -> {
            if (policy.levelOf(path) != DisclosureLevel.PRIVATE) {
                fields.put(path, value);
            }
        });
        return ProvenanceSchema.assemble(fields);
    }

    private static RegisteredModel view(ModelRecord r) {
        return new RegisteredModel(r.id(), r.creatorHandle(),
                ProvenanceParser.parse(r.recordJson().getBytes(StandardCharsets.UTF_8)), r.revision(), r.createdAt(),
                r.updatedAt());
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no registered model '" + Creators.shorten(id) + "'");
    }
}
