package io.credmark.verification;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.c2pa.assertion.Action;
import io.credmark.c2pa.assertion.DigitalSourceType;
import io.credmark.c2pa.validate.IdentitySummary;
import io.credmark.c2pa.validate.IngredientSummary;
import io.credmark.c2pa.validate.ManifestSummary;
import io.credmark.c2pa.validate.SignerInfo;
import io.credmark.c2pa.validate.StatusEntry;
import io.credmark.c2pa.validate.ValidationResult;
import io.credmark.container.ContainerProblem;
import io.credmark.creators.CreatorIdentities;
import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.metadata.GeneratorMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The verification report as JSON: the one document {@code credmark verify} prints and {@code POST /v1/verify}
 * returns. Field names are part of credmark's interface; the shape is documented in the README.
 */
public final class ReportJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** The path of a creator's page on a credmark installation, which identity certificates name. */
    private static final String CREATOR_PAGE = "/u/";

    private ReportJson() {
    }

    public static ObjectNode render(VerificationReport r) {
        ObjectNode out = F.objectNode();
        out.put("status", r.status().wireName());
        out.put("message", message(r));
        out.put("format", r.format().mediaType());
        ObjectNode image = out.putObject("image");
        image.put("width", r.header().width());
        image.put("height", r.header().height());
        image.put("kind", r.header().description());
        r.remoteManifest().ifPresent(u -> out.put("remoteManifest", u));
        r.error().ifPresent(e -> out.put("error", e));
        r.validation().ifPresent(v -> {
            out.put("activeManifest", v.activeManifest());
            r.provenance().flatMap(ProvenanceView::credential).ifPresent(c -> out.set("credential", c.deepCopy()));
            ObjectNode summary = summary(v.manifest());
            r.provenance().ifPresent(p -> {
                summary.set("provenance", p.provenance());
                summary.set("disclosures", disclosures(p));
                if (p.assertion().marker() != null) {
                    summary.set("marker", p.assertion().marker().deepCopy());
                }
                if (p.assertion().watermark() != null) {
                    summary.set("watermark", p.assertion().watermark().deepCopy());
                }
            });
            summary.set("creatorIdentity", creatorIdentity(v, r.provenance()));
            out.set("summary", summary);
            ObjectNode validation = statuses(v.statuses());
            validation.set("ingredientFailure", statuses(v.ingredientFailures()).get("failure"));
            out.set("validation", validation);
        });
        r.unsignedMetadata().ifPresent(m -> out.set("unsignedMetadata", unsignedMetadata(m, r.provenance())));
        if (!r.problems().isEmpty()) {
            ArrayNode problems = out.putArray("containerProblems");
            r.problems().stream().map(ContainerProblem::toString).forEach(problems::add);
        }
        return out;
    }

    /**
     * The generator's own text, labelled as unsigned; with a manifest, whether it agrees with the signed provenance
     * field by field (only fields both carry are compared).
     */
    static ObjectNode unsignedMetadata(GeneratorMetadata m, Optional<ProvenanceView> signed) {
        ObjectNode n = F.objectNode();
        n.put("signed", false);
        n.put("note", "Written by the generator in plain text, outside any signature: anyone can change it, and"
                + " nothing here is verified.");
        m.generators().forEach(n.putArray("generator")::add);
        ObjectNode fields = m.fieldsJson();
        n.set("fields", fields);
        signed.ifPresent(p -> {
            ArrayNode agree = F.arrayNode();
            ArrayNode disagree = F.arrayNode();
            fields.fieldNames().forEachRemaining(path -> {
                com.fasterxml.jackson.databind.JsonNode s = p.provenance().at("/" + path.replace('.', '/'));
                if (!s.isMissingNode()) {
                    (s.equals(fields.get(path)) || s.asText().equals(fields.get(path).asText()) ? agree : disagree)
                            .add(path);
                }
            });
            n.set("agreesWithSigned", agree);
            n.set("differsFromSigned", disagree);
        });
        return n;
    }

    /** A sentence for people, in the words of the Content Credentials verify site where they fit. */
    static String message(VerificationReport r) {
        Optional<SignerInfo> signer = r.validation().flatMap(v -> v.manifest().signer());
        String who = signer.map(s -> s.organization() != null ? s.organization() : s.commonName()).orElse("an unknown signer");
        return switch (r.status()) {
            case TRUSTED -> "Signed by " + who + "; the file has not been changed since it was signed.";
            case VALID -> "Signed by " + who + ", but the issuer couldn't be recognized. This file may not come from"
                    + " where it claims to.";
            case INVALID -> "This file may have been tampered with. Its Content Credentials can't be verified.";
            case NONE -> r.remoteManifest().map(u -> "The Content Credentials of this file are kept at " + u
                    + "; they were not fetched.").orElse(r.error().isPresent()
                            ? "This file carries Content Credentials that cannot be read."
                            : "No Content Credentials found.");
        };
    }

    /** Every revealed field with its proof status; values that are not proven are shown as such, never as fact. */
    static ArrayNode disclosures(ProvenanceView view) {
        ArrayNode list = F.arrayNode();
        for (CheckedDisclosure c : view.disclosures()) {
            ObjectNode n = list.addObject();
            if (c.path() != null) {
                n.put("path", c.path());
                n.set("value", c.value().deepCopy());
            }
            n.put("source", c.source().wireName());
            n.put("proven", c.proven());
            if (c.problem() != null) {
                n.put("problem", c.problem());
            }
        }
        return list;
    }

    /**
     * Whether the creator confirmed the manifest themselves: a CAWG identity assertion, validated, whose credential
     * chains to a CAWG anchor ({@code confirmed}, with the credential's name, the handle of the creator page it
     * names and when it was signed), or only a name written by the front end that requested the stamp.
     */
    static ObjectNode creatorIdentity(ValidationResult v, Optional<ProvenanceView> provenance) {
        ObjectNode n = F.objectNode();
        Optional<IdentitySummary> confirmed = IdentitySummary.of(v.manifest()).stream()
                .filter(i -> i.confirmedBy(v.statuses())).findFirst();
        String named = provenance.map(p -> p.provenance().path("creator").path("handle").asText(null)).orElse(null);
        n.put("confirmed", confirmed.isPresent());
        if (confirmed.isPresent()) {
            IdentitySummary i = confirmed.get();
            String handle = i.pages().stream().filter(u -> u.contains(CREATOR_PAGE)).findFirst()
                    .map(u -> u.substring(u.lastIndexOf(CREATOR_PAGE) + CREATOR_PAGE.length())).orElse(named);
            Instant signedAt = i.timeStamped().or(() -> v.manifest().signer().flatMap(SignerInfo::signedAt))
                    .orElse(null);
            putIfPresent(n, "handle", handle);
            n.put("displayName", i.name());
            putIfPresent(n, "signedAt", signedAt == null ? null : signedAt.toString());
            i.pages().stream().findFirst().ifPresent(page -> n.put("page", page));
            n.put("text", "Creator confirmed: " + i.name() + (handle == null ? "" : " (" + handle + ")")
                    + (signedAt == null ? "" : ", signed " + signedAt));
        } else {
            putIfPresent(n, "handle", named);
            n.put("namedBy", CreatorIdentities.SOME_FRONT_END);
            n.put("text", CreatorIdentities.unconfirmedSentence(CreatorIdentities.SOME_FRONT_END));
        }
        return n;
    }

    static ObjectNode summary(ManifestSummary m) {
        ObjectNode s = F.objectNode();
        s.put("manifest", m.label());
        s.put("claimVersion", m.claimVersion());
        s.put("claimGenerator", m.claimGenerator());
        m.title().ifPresent(t -> s.put("title", t));
        m.signer().ifPresent(signer -> s.set("signer", signer(signer)));
        ArrayNode actions = s.putArray("actions");
        for (Action a : m.actions()) {
            ObjectNode n = actions.addObject();
            n.put("action", a.action());
            if (a.digitalSourceType() != null) {
                n.put("digitalSourceType", a.digitalSourceType());
                n.put("digitalSourceTypeTerm", DigitalSourceType.term(a.digitalSourceType()));
            }
            if (a.softwareAgent() != null) {
                n.put("softwareAgent", a.softwareAgent().name()
                        + (a.softwareAgent().version() == null ? "" : " " + a.softwareAgent().version()));
            }
            if (a.when() != null) {
                n.put("when", a.when().toString());
            }
        }
        ArrayNode labels = s.putArray("assertions");
        m.assertions().keySet().forEach(labels::add);
        ArrayNode ingredients = s.putArray("ingredients");
        for (IngredientSummary i : m.ingredients()) {
            ObjectNode n = ingredients.addObject();
            n.put("title", i.title());
            n.put("format", i.format());
            n.put("relationship", i.relationship());
            i.manifestLabel().ifPresent(l -> n.put("manifest", l));
            if (!i.statuses().isEmpty()) {
                n.set("validation", statuses(i.statuses()));
            }
            i.manifest().ifPresent(im -> n.set("summary", summary(im)));
        }
        return s;
    }

    private static ObjectNode signer(SignerInfo s) {
        ObjectNode n = F.objectNode();
        putIfPresent(n, "organization", s.organization());
        putIfPresent(n, "commonName", s.commonName());
        putIfPresent(n, "issuer", s.issuer());
        n.put("algorithm", s.algorithm());
        n.put("certificateNotBefore", s.notBefore().toString());
        n.put("certificateNotAfter", s.notAfter().toString());
        n.put("certificateSha256", s.certificateSha256());
        s.signedAt().map(Instant::toString).ifPresent(t -> n.put("timeStamp", t));
        return n;
    }

    static ObjectNode statuses(List<StatusEntry> entries) {
        ObjectNode n = F.objectNode();
        for (StatusEntry.Kind kind : StatusEntry.Kind.values()) {
            ArrayNode list = n.putArray(kind.name().toLowerCase(java.util.Locale.ROOT));
            entries.stream().filter(e -> e.kind() == kind).forEach(e -> {
                ObjectNode x = list.addObject();
                x.put("code", e.code());
                putIfPresent(x, "url", e.url());
                putIfPresent(x, "explanation", e.explanation());
            });
        }
        return n;
    }

    /** Failure codes of the active manifest, for callers that only want the verdict's reasons. */
    public static List<String> failureCodes(VerificationReport r) {
        return r.validation().map(ValidationResult::failureCodes).orElse(List.of());
    }

    private static void putIfPresent(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }
}
