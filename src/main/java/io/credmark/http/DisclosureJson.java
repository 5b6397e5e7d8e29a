package io.credmark.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.creators.CreatorAccount;
import io.credmark.creators.CredentialView;
import io.credmark.creators.ModelView;
import io.credmark.creators.NewCreator;
import io.credmark.creators.PolicyUpdate;
import io.credmark.creators.PublishedField;
import io.credmark.creators.RegisteredModel;
import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.disclosure.DisclosureLevel;
import java.util.List;
import java.util.Map;

/** The JSON documents of creators, models and disclosure. Field names are part of the API (see openapi.json). */
final class DisclosureJson {

    static final String NOT_RECALLABLE = "These fields were public when the images were stamped, so their values are"
            + " readable inside those files and every copy of them already published. The service no longer shows"
            + " them, but those copies cannot be recalled.";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DisclosureJson() {
    }

    /** The revealed fields of a credential view: each with its level now and whether it is proven. */
    static void disclosures(ObjectNode n, CredentialView v) {
        n.put("viewer", v.owner() ? "creator" : "public");
        ArrayNode list = n.putArray("disclosures");
        for (CredentialView.Revealed r : v.disclosures()) {
            CheckedDisclosure c = r.checked();
            ObjectNode d = list.addObject();
            if (c.path() != null) {
                d.put("path", c.path());
                d.set("value", c.value().deepCopy());
                d.put("level", r.level().wireName());
            }
            d.put("source", c.source().wireName());
            d.put("proven", c.proven());
            if (c.problem() != null) {
                d.put("problem", c.problem());
            }
        }
        v.model().ifPresent(m -> {
            ObjectNode model = n.putObject("model");
            model.put("id", m.id());
            model.put("revision", m.revision());
            model.put("url", m.page());
            model.put("json", m.json());
        });
        v.disclosure().ifPresent(s -> {
            ObjectNode d = n.putObject("disclosure");
            d.set("levels", levels(s.effective()));
            d.set("stamped", levels(s.stamped()));
            d.set("creatorDefault", s.creatorDefault().toJson());
            d.set("requested", s.requested().toJson());
            if (s.override().isPresent()) {
                d.set("override", s.override().get().toJson());
                s.overrideUpdatedAt().ifPresent(t -> d.put("overrideUpdatedAt", t.toString()));
            } else {
                d.putNull("override");
            }
            d.set("alreadyPublished", alreadyPublished(s.alreadyPublished().stream()
                    .map(p -> new PublishedField(p, 1)).toList(), false));
        });
    }

    static ObjectNode newCreator(NewCreator c) {
        ObjectNode n = creator(c.creator(), true);
        n.put("token", c.token());
        return n;
    }

    /** @param owner whether the creator is looking: only they see their policy */
    static ObjectNode creator(CreatorAccount c, boolean owner) {
        ObjectNode n = F.objectNode();
        n.put("handle", c.handle());
        n.put("createdAt", c.createdAt().toString());
        if (owner) {
            n.set("disclosure", policy(c));
        }
        return n;
    }

    static ObjectNode policy(CreatorAccount c) {
        ObjectNode n = F.objectNode();
        n.set("policy", c.policy().toJson());
        n.set("levels", levels(c.policy().resolved()));
        n.put("updatedAt", c.policyUpdatedAt().toString());
        return n;
    }

    static ObjectNode policyUpdate(PolicyUpdate u) {
        ObjectNode n = F.objectNode();
        n.put("handle", u.creator().handle());
        n.setAll(policy(u.creator()));
        n.set("alreadyPublished", alreadyPublished(u.alreadyPublished(), true));
        return n;
    }

    /** The fields no longer public that published files carry readable: an honest answer, never a promise. */
    static ObjectNode alreadyPublished(List<PublishedField> fields, boolean counts) {
        ObjectNode n = F.objectNode();
        ArrayNode list = n.putArray("fields");
        for (PublishedField f : fields) {
            if (counts) {
                list.addObject().put("path", f.path()).put("credentials", f.credentials());
            } else {
                list.add(f.path());
            }
        }
        if (!fields.isEmpty()) {
            n.put("notice", NOT_RECALLABLE);
        }
        return n;
    }

    static ObjectNode models(String handle, List<RegisteredModel> models, java.util.function.Function<String, String> page) {
        ObjectNode n = F.objectNode();
        n.put("creator", handle);
        ArrayNode list = n.putArray("models");
        for (RegisteredModel m : models) {
            list.addObject().put("id", m.id()).put("name", m.name()).put("revision", m.revision())
                    .put("url", page.apply(m.id())).put("updatedAt", m.updatedAt().toString());
        }
        return n;
    }

    static ObjectNode model(ModelView v) {
        RegisteredModel m = v.model();
        ObjectNode n = F.objectNode();
        n.put("id", m.id());
        n.put("slug", m.slug());
        n.put("creator", m.creatorHandle());
        n.put("name", m.name());
        n.put("url", v.url());
        n.put("revision", m.revision());
        n.put("createdAt", m.createdAt().toString());
        n.put("updatedAt", m.updatedAt().toString());
        n.put("viewer", v.owner() ? "creator" : "public");
        n.set("record", v.record());
        ArrayNode upstream = n.putArray("upstream");
        v.upstream().forEach(s -> upstream.add(summary(s)));
        ArrayNode edges = n.putArray("lineage");
        for (ModelView.Link l : v.edges()) {
            ObjectNode e = edges.addObject().put("model", l.model()).put("upstream", l.upstream()).put("kind", l.kind());
            if (l.weight() != null) {
                e.put("weight", l.weight());
            }
        }
        ArrayNode usedBy = n.putArray("usedBy");
        for (ModelView.Use u : v.usedBy()) {
            ObjectNode e = summary(u.model());
            e.remove("depth");
            e.put("kind", u.kind());
            if (u.weight() != null) {
                e.put("weight", u.weight());
            }
            usedBy.add(e);
        }
        ArrayNode credits = n.putArray("credits");
        v.credits().forEach(credits::add);
        n.put("credentials", v.credentials());
        return n;
    }

    private static ObjectNode summary(ModelView.ModelSummary s) {
        return F.objectNode().put("id", s.id()).put("name", s.name()).put("creator", s.creator())
                .put("url", s.url()).put("depth", s.depth());
    }

    static ObjectNode levels(Map<String, DisclosureLevel> levels) {
        ObjectNode n = F.objectNode();
        levels.forEach((p, l) -> n.put(p, l.wireName()));
        return n;
    }
}
