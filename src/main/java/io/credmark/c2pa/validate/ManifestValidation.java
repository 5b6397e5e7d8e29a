package io.credmark.c2pa.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.Json;
import io.credmark.c2pa.CborException;
import io.credmark.c2pa.ClaimException;
import io.credmark.c2pa.ManifestUnreadableException;
import io.credmark.c2pa.assertion.Action;
import io.credmark.c2pa.assertion.ActionsAssertion;
import io.credmark.c2pa.assertion.IngredientAssertion;
import io.credmark.c2pa.cbor.CborReader;
import io.credmark.c2pa.claim.Claim;
import io.credmark.c2pa.claim.HashedUri;
import io.credmark.c2pa.claim.JumbfUri;
import io.credmark.c2pa.jumbf.ContentBox;
import io.credmark.c2pa.jumbf.JumbfUuids;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.container.AssetBytes;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.pki.TrustEvaluator;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The checks of one manifest, and recursively of the manifests of its ingredients. */
final class ManifestValidation {

    /** Ingredients of ingredients of …: deep enough for real histories, bounded against crafted cycles. */
    private static final int MAX_INGREDIENT_DEPTH = 8;
    private static final ObjectMapper JSON = Json.mapper();

    record Outcome(StatusLog log, ManifestSummary summary) {
    }

    private final Map<String, SuperBox> manifests;
    private final TrustEvaluator trust;
    private final TrustEvaluator cawgTrust;
    private final Instant now;
    private final Set<String> redacted = new HashSet<>();
    private final Set<String> recorded;
    private final List<StatusEntry> deltaFailures = new ArrayList<>();
    /** CAWG statuses of every manifest, ingredients included, land in the active manifest's log, as in c2pa-rs. */
    private StatusLog activeLog;

    ManifestValidation(Map<String, SuperBox> manifests, TrustEvaluator trust, TrustEvaluator cawgTrust, Instant now) {
        this.manifests = manifests;
        this.trust = trust;
        this.cawgTrust = cawgTrust;
        this.recorded = recordedStatuses(manifests);
        this.now = now;
    }

    Outcome validateActive(SuperBox manifest, AssetBytes asset, ManifestStoreCarrier carrier) {
        Claim claim = loadClaim(manifest);
        redacted.addAll(claim.redactedAssertions());
        return validate(manifest, claim, asset, carrier, 0, new HashSet<>());
    }

    private Outcome validate(SuperBox manifest, Claim claim, AssetBytes asset, ManifestStoreCarrier carrier,
            int depth, Set<String> path) {
        String label = manifest.label();
        path.add(label);
        StatusLog log = new StatusLog();
        if (activeLog == null) {
            activeLog = log;
        }
        Optional<SignerInfo> signer = new SignatureCheck(trust, now).check(manifest, claim, log);

        Map<String, JsonNode> contents = new LinkedHashMap<>();
        Map<String, SuperBox> boxes = new LinkedHashMap<>();
        checkAssertions(manifest, claim, log, contents, boxes);
        checkHardBindingCount(manifest, claim, log);

        List<IngredientSummary> ingredients = new ArrayList<>();
        List<IngredientAssertion.Read> ingredientReads = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : contents.entrySet()) {
            if (baseLabel(e.getKey()).startsWith("c2pa.ingredient")) {
                ingredientReads.add(IngredientAssertion.decode(e.getKey(), e.getValue()));
            }
        }
        if (ingredientReads.stream().filter(i -> IngredientAssertion.PARENT_OF.equals(i.relationship())).count() > 1) {
            log.add(StatusCode.MULTIPLE_PARENTS, JumbfUri.absolute(label), "more than one parentOf ingredient");
        }
        for (IngredientAssertion.Read ingredient : ingredientReads) {
            ingredients.add(checkIngredient(label, ingredient, log, depth, path));
        }
        List<Action> actions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : contents.entrySet()) {
            String base = baseLabel(e.getKey());
            if (base.equals(ActionsAssertion.LABEL) || base.equals(ActionsAssertion.LABEL_V1)) {
                actions.addAll(ActionsAssertion.decode(e.getValue()));
            }
        }
        if (claim.version() == 2) {
            ActionRules.check(label, contents, ingredientReads, log);
        }
        for (Map.Entry<String, JsonNode> e : contents.entrySet()) {
            if (baseLabel(e.getKey()).equals(CawgIdentityCheck.LABEL)) {
                CawgIdentityCheck.check(label, e.getKey(), e.getValue(), claim, cawgTrust, now, activeLog);
            }
        }
        if (asset != null) {
            HardBindingCheck.check(label, claim, contents, asset, carrier, log);
        }
        path.remove(label);
        ManifestSummary summary = new ManifestSummary(label, claim.version(), claim.generator(), claim.title(),
                signer, actions, contents, ingredients);
        return new Outcome(log, summary);
    }

    private Claim loadClaim(SuperBox manifest) {
        List<SuperBox> claims = manifest.superBoxes().stream()
                .filter(b -> JumbfUuids.CLAIM.equals(b.description().type())).toList();
        if (claims.isEmpty()) {
            throw new ManifestUnreadableException("claim.missing", "manifest " + manifest.label() + " has no claim");
        }
        if (claims.size() > 1) {
            throw new ManifestUnreadableException("claim.multiple", "manifest " + manifest.label()
                    + " has more than one claim");
        }
        Optional<ContentBox> cbor = claims.get(0).firstContent().filter(c -> "cbor".equals(c.type()));
        if (cbor.isEmpty()) {
            throw new ManifestUnreadableException("claim.missing", "the claim of " + manifest.label()
                    + " has no CBOR content");
        }
        try {
            return Claim.parse(claims.get(0).label(), cbor.get().payload().toByteArray());
        } catch (ClaimException e) {
            throw new ManifestUnreadableException(e.code(), e.getMessage());
        }
    }

    private void checkAssertions(SuperBox manifest, Claim claim, StatusLog log, Map<String, JsonNode> contents,
            Map<String, SuperBox> boxes) {
        String label = manifest.label();
        Set<String> referenced = new HashSet<>();
        for (HashedUri uri : claim.allAssertions()) {
            Optional<List<String>> segments = JumbfUri.resolve(uri.url(), label);
            String absolute = segments.map(s -> JumbfUri.PREFIX + "/" + String.join("/", s)).orElse(uri.url());
            if (redacted.contains(absolute)) {
                continue;
            }
            if (segments.isEmpty() || segments.get().size() < 4 || !"c2pa".equals(segments.get().get(0))) {
                log.add(StatusCode.ASSERTION_MISSING, uri.url(), "assertion reference does not resolve: " + uri.url());
                continue;
            }
            List<String> s = segments.get();
            if (!label.equals(s.get(1))) {
                log.add(StatusCode.ASSERTION_OUTSIDE_MANIFEST, absolute, "assertion is outside the manifest");
                continue;
            }
            Optional<SuperBox> box = navigate(manifest, s.subList(2, s.size()));
            if (box.isEmpty()) {
                log.add(StatusCode.ASSERTION_MISSING, absolute, "assertion missing: " + uri.url());
                continue;
            }
            String assertionLabel = s.get(s.size() - 1);
            referenced.add(assertionLabel);
            Optional<MessageDigest> digest = HashAlgorithms.digest(uri.alg() != null ? uri.alg() : claim.alg());
            if (digest.isEmpty()) {
                log.add(StatusCode.ALGORITHM_UNSUPPORTED, absolute, "unsupported hash algorithm");
                continue;
            }
            box.get().payload().update(digest.get());
            if (MessageDigest.isEqual(digest.get().digest(), uri.hash())) {
                log.add(StatusCode.HASHED_URI_MATCH, absolute, "hashed uri matched: " + uri.url());
            } else {
                log.add(StatusCode.HASHED_URI_MISMATCH, absolute, "hash does not match assertion data: " + uri.url());
            }
            boxes.put(assertionLabel, box.get());
            decode(box.get(), absolute, log).ifPresent(node -> contents.put(assertionLabel, node));
        }
        manifest.superBoxes().stream().filter(b -> JumbfUuids.ASSERTION_STORE.equals(b.description().type()))
                .flatMap(store -> store.superBoxes().stream())
                .filter(a -> !referenced.contains(a.label()))
                .filter(a -> !redacted.contains(JumbfUri.absolute(label, "c2pa.assertions", a.label())))
                .forEach(a -> log.add(StatusCode.ASSERTION_UNDECLARED,
                        JumbfUri.absolute(label, "c2pa.assertions", a.label()), "assertion not listed in the claim"));
    }

    private static Optional<SuperBox> navigate(SuperBox manifest, List<String> path) {
        SuperBox at = manifest;
        for (String segment : path) {
            Optional<SuperBox> next = at.child(segment);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
        }
        return Optional.of(at);
    }

    private static Optional<JsonNode> decode(SuperBox box, String url, StatusLog log) {
        Optional<ContentBox> content = box.firstContent();
        if (content.isEmpty()) {
            return Optional.empty();
        }
        ContentBox c = content.get();
        if ("cbor".equals(c.type())) {
            try {
                return Optional.of(CborReader.read(c.payload().buffer(), c.payload().offset(), c.payload().length()));
            } catch (CborException e) {
                log.add(StatusCode.ASSERTION_CBOR_INVALID, url, e.getMessage());
            }
        } else if ("json".equals(c.type())) {
            try {
                return Optional.of(JSON.readTree(c.payload().toByteArray()));
            } catch (IOException e) {
                log.add(StatusCode.ASSERTION_JSON_INVALID, url, "assertion is not well-formed JSON");
            }
        }
        return Optional.empty();
    }

    /** Spec 2.2 §10.2.3: a standard manifest has exactly one hard binding, among its created assertions. */
    private static void checkHardBindingCount(SuperBox manifest, Claim claim, StatusLog log) {
        if (!JumbfUuids.STANDARD_MANIFEST.equals(manifest.description().type())) {
            return;
        }
        List<HashedUri> candidates = claim.version() == 2 ? claim.createdAssertions() : claim.allAssertions();
        long bindings = candidates.stream().map(u -> baseLabel(lastSegment(u.url())))
                .filter(HardBindingCheck::isHardBinding).count();
        if (bindings == 0) {
            log.add(StatusCode.HARD_BINDINGS_MISSING, JumbfUri.absolute(manifest.label()), "no hard binding");
        } else if (bindings > 1) {
            log.add(StatusCode.MULTIPLE_HARD_BINDINGS, JumbfUri.absolute(manifest.label()), "more than one hard binding");
        }
    }

    /**
     * Spec 2.2 §15.11 as c2pa-rs does it: the ingredient's manifest must be in the store and match the hash the
     * ingredient assertion holds (or, for old writers, the hash of its claim); it is then validated again, and what
     * that finds beyond what the ingredient recorded when it was taken in is its delta, which counts toward the
     * state.
     */
    private IngredientSummary checkIngredient(String label, IngredientAssertion.Read ingredient, StatusLog log,
            int depth, Set<String> path) {
        if (ingredient.activeManifest().isEmpty()) {
            return new IngredientSummary(ingredient.label(), ingredient.title(), ingredient.format(),
                    ingredient.relationship(), Optional.empty(), Optional.empty(), List.of());
        }
        HashedUri ref = ingredient.activeManifest().get();
        Optional<List<String>> seg = JumbfUri.resolve(ref.url(), label);
        String ingredientLabel = seg.filter(s -> s.size() >= 2).map(s -> s.get(1)).orElse(null);
        SuperBox target = ingredientLabel == null ? null : manifests.get(ingredientLabel);
        StatusLog delta = new StatusLog();
        if (target == null || ingredientLabel.equals(label)) {
            String missing = ingredientLabel == null ? ref.url() : ingredientLabel;
            log.add(StatusCode.INGREDIENT_MANIFEST_MISSING, missing, "ingredient manifest missing");
            delta.add(StatusCode.INGREDIENT_MANIFEST_MISSING, missing, "ingredient not found");
            deltaFailures.addAll(delta.of(StatusEntry.Kind.FAILURE));
            return new IngredientSummary(ingredient.label(), ingredient.title(), ingredient.format(),
                    ingredient.relationship(), Optional.ofNullable(ingredientLabel), Optional.empty(), delta.entries());
        }
        if (hashMatches(ref, target)) {
            delta.add(StatusCode.INGREDIENT_MANIFEST_VALIDATED, ref.url(), "ingredient hash matched");
        } else if (!claimHashMatches(ref, target)) {
            delta.add(StatusCode.INGREDIENT_MANIFEST_MISMATCH, ref.url(), "ingredient hash incorrect");
        }
        Optional<ManifestSummary> summary = Optional.empty();
        if (depth < MAX_INGREDIENT_DEPTH && !path.contains(ingredientLabel)) {
            try {
                Outcome o = validate(target, loadClaim(target), null, null, depth + 1, path);
                summary = Optional.of(o.summary());
                o.log().entries().forEach(e -> delta.add(e.code(), e.url(), e.explanation()));
            } catch (ManifestUnreadableException e) {
                delta.add(e.code(), JumbfUri.absolute(ingredientLabel), e.getMessage());
            }
        }
        List<StatusEntry> news = delta.entries().stream().filter(e -> !recorded.contains(key(e))).toList();
        news.stream().filter(e -> e.kind() == StatusEntry.Kind.FAILURE).forEach(deltaFailures::add);
        return new IngredientSummary(ingredient.label(), ingredient.title(), ingredient.format(),
                ingredient.relationship(), Optional.of(ingredientLabel), summary, news);
    }

    /** Writers before the box hash committed to the hash of the ingredient's claim; c2pa-rs still accepts it. */
    private static boolean claimHashMatches(HashedUri ref, SuperBox target) {
        return target.superBoxes().stream().filter(b -> JumbfUuids.CLAIM.equals(b.description().type())).findFirst()
                .flatMap(SuperBox::firstContent)
                .map(c -> {
                    Optional<MessageDigest> d = HashAlgorithms.digest(ref.alg() != null ? ref.alg() : "sha256");
                    if (d.isEmpty()) {
                        return false;
                    }
                    c.payload().update(d.get());
                    return MessageDigest.isEqual(d.get().digest(), ref.hash());
                }).orElse(false);
    }

    /** Failures found in ingredients that their creators had not recorded: they make the active manifest invalid. */
    List<StatusEntry> deltaFailures() {
        return deltaFailures;
    }

    private static String key(StatusEntry e) {
        return e.kind() + "|" + e.code() + "|" + e.url();
    }

    /**
     * The statuses every ingredient assertion in the store recorded when its ingredient was taken in (v3
     * {@code validationResults}, v1/v2 {@code validationStatus}), relative URLs made absolute against the
     * ingredient's manifest.
     */
    private static Set<String> recordedStatuses(Map<String, SuperBox> manifests) {
        Set<String> out = new HashSet<>();
        for (SuperBox m : manifests.values()) {
            m.superBoxes().stream().filter(b -> JumbfUuids.ASSERTION_STORE.equals(b.description().type()))
                    .flatMap(store -> store.superBoxes().stream())
                    .filter(a -> a.label() != null && baseLabel(a.label()).startsWith("c2pa.ingredient"))
                    .forEach(a -> a.firstContent().filter(c -> "cbor".equals(c.type())).ifPresent(c -> {
                        JsonNode n;
                        try {
                            n = CborReader.read(c.payload().buffer(), c.payload().offset(), c.payload().length());
                        } catch (CborException e) {
                            return;
                        }
                        IngredientAssertion.Read read = IngredientAssertion.decode(a.label(), n);
                        String base = read.activeManifest().flatMap(r -> JumbfUri.resolve(r.url(), m.label()))
                                .filter(s -> s.size() >= 2).map(s -> s.get(1)).orElse(m.label());
                        JsonNode results = n.path("validationResults");
                        collect(results.path("activeManifest"), base, out);
                        results.path("ingredientDeltas").forEach(d -> collect(d.path("validationDeltas"), base, out));
                        n.path("validationStatus").forEach(st -> add(st, null, base, out));
                    }));
        }
        return out;
    }

    private static void collect(JsonNode lists, String base, Set<String> out) {
        for (StatusEntry.Kind kind : StatusEntry.Kind.values()) {
            lists.path(kind.name().toLowerCase(java.util.Locale.ROOT)).forEach(st -> add(st, kind, base, out));
        }
    }

    private static void add(JsonNode status, StatusEntry.Kind kind, String base, Set<String> out) {
        String code = status.path("code").asText(null);
        if (code == null) {
            return;
        }
        String url = status.path("url").asText(null);
        if (url != null && url.startsWith(JumbfUri.PREFIX) && !url.startsWith(JumbfUri.PREFIX + "/")) {
            url = JumbfUri.resolve(url, base).map(s -> JumbfUri.PREFIX + "/" + String.join("/", s)).orElse(url);
        }
        out.add((kind != null ? kind : StatusCode.kindOf(code)) + "|" + code + "|" + url);
    }

    private static boolean hashMatches(HashedUri uri, SuperBox box) {
        Optional<MessageDigest> d = HashAlgorithms.digest(uri.alg() != null ? uri.alg() : "sha256");
        if (d.isEmpty()) {
            return false;
        }
        box.payload().update(d.get());
        return MessageDigest.isEqual(d.get().digest(), uri.hash());
    }

    /** {@code c2pa.ingredient.v3__2} → {@code c2pa.ingredient.v3} (spec 2.2 §6.2: instance suffixes). */
    static String baseLabel(String label) {
        int i = label.indexOf("__");
        return i < 0 ? label : label.substring(0, i);
    }

    static String lastSegment(String url) {
        int i = url.lastIndexOf('/');
        String s = i < 0 ? url : url.substring(i + 1);
        return s.startsWith(JumbfUri.PREFIX) ? s.substring(JumbfUri.PREFIX.length()) : s;
    }
}
