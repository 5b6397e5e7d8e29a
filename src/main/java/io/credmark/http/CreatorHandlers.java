package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.NotFoundException;
import io.credmark.creators.CreatorAccount;
import io.credmark.creators.CreatorCredential;
import io.credmark.creators.CreatorIdentities;
import io.credmark.creators.Creators;
import io.credmark.creators.CredentialViews;
import io.credmark.creators.ModelRegistered;
import io.credmark.creators.ModelRegistry;
import io.credmark.creators.NewCreator;
import io.credmark.creators.RegisteredModel;
import io.credmark.creators.Viewer;
import io.credmark.identity.ModelEvidence;
import io.credmark.identity.TimeStampJson;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Creators and their model registry: registration, the default disclosure policy, models with lineage. */
final class CreatorHandlers {

    static final long MAX_BODY = 4096;
    /** A model record: lineage and usage terms with a few hundred entries fit. */
    static final long MAX_MODEL_BODY = 256 * 1024;

    private final Creators creators;
    private final ModelRegistry models;
    private final CredentialViews credentials;
    private final Authenticator auth;
    private final UsageHandlers usage;
    private final CreatorIdentities identities;

    CreatorHandlers(Creators creators, ModelRegistry models, CredentialViews credentials, Authenticator auth,
            UsageHandlers usage, CreatorIdentities identities) {
        this.identities = identities;
        this.usage = usage;
        this.credentials = credentials;
        this.creators = creators;
        this.models = models;
        this.auth = auth;
    }

    /** {@code POST /v1/creators} (admin): {@code {"handle": "…"}} → 201 with the token, shown this once. */
    void register(Context ctx) {
        JsonNode body = JsonBodies.read(RequestBodies.raw(ctx, MAX_BODY), "body");
        if (!body.isObject()) {
            throw document("", "expected a JSON object: {\"handle\": \"…\"}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("handle")) {
                throw document(name, "unknown member; expected handle");
            }
        }
        if (!body.path("handle").isTextual()) {
            throw document("handle", "required, a string");
        }
        NewCreator created = creators.register(body.get("handle").textValue());
        ctx.header("Location", Routes.path(Routes.CREATOR, created.creator().handle()));
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, 201, DisclosureJson.newCreator(created));
    }

    /** {@code POST /v1/creators/{handle}/token} (admin): a new token; the old one stops working. */
    void reissueToken(Context ctx) {
        NewCreator created = creators.reissueToken(ctx.pathParam("handle"));
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, 200, DisclosureJson.newCreator(created));
    }

    /** {@code GET /v1/creators/{handle}}: the creator and their models; their policy only to themselves. */
    void get(Context ctx) {
        Viewer viewer = auth.viewer(ctx);
        CreatorAccount creator = creators.require(ctx.pathParam("handle"));
        boolean owner = viewer.isCreator(creator.handle());
        ObjectNode n = DisclosureJson.creator(creator, owner);
        n.set("profile", usage.profile(creator.handle()));
        n.set("models", DisclosureJson.models(creator.handle(), models.list(creator.handle()), models::page)
                .get("models"));
        CredentialHandlers.noCache(ctx, owner);
        Responses.json(ctx, 200, n);
    }

    /** {@code GET /v1/creators/{handle}/disclosure} (the creator): their default policy, every field's level. */
    void getDisclosure(Context ctx) {
        CreatorAccount creator = creators.require(Authenticator.creator(ctx, ctx.pathParam("handle")).handle());
        CredentialHandlers.noCache(ctx, true);
        ObjectNode n = DisclosureJson.policy(creator);
        n.put("handle", creator.handle());
        Responses.json(ctx, 200, n);
    }

    /** {@code PUT /v1/creators/{handle}/disclosure} (the creator): replaces the default policy. */
    void putDisclosure(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        var update = creators.setPolicy(creator, CredentialHandlers.policyBody(ctx));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, DisclosureJson.policyUpdate(update));
    }

    /** {@code GET /v1/creators/{handle}/grants} (the creator): the front ends allowed to sign in their name. */
    void getGrants(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, grants(creator, identities.grants(creator)));
    }

    /**
     * {@code PUT /v1/creators/{handle}/grants} (the creator): {@code {"apiKeys": ["name", …]}} replaces the API keys
     * allowed to stamp with the creator's identity; {@code []} revokes them all, at once.
     */
    void putGrants(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        JsonNode body = JsonBodies.read(RequestBodies.raw(ctx, MAX_BODY), "body");
        if (!body.isObject() || !body.path("apiKeys").isArray() || body.size() != 1) {
            throw document("", "expected {\"apiKeys\": [\"name\", …]}");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : body.get("apiKeys")) {
            if (!n.isTextual()) {
                throw document("apiKeys", "expected API key names (strings)");
            }
            names.add(n.textValue());
        }
        List<CreatorIdentities.Grant> grants = identities.setGrants(creator, names);
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, grants(creator, grants));
    }

    private static ObjectNode grants(CreatorAccount creator, List<CreatorIdentities.Grant> grants) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("handle", creator.handle());
        ArrayNode list = n.putArray("grants");
        grants.forEach(g -> list.addObject().put("apiKey", g.apiKeyName()).put("grantedAt", g.grantedAt().toString()));
        return n;
    }

    /** {@code GET /v1/creators/{handle}/credentials?limit=&offset=} (the creator): their credentials, newest first. */
    void listCredentials(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        int limit = number(ctx, "limit", 100);
        int offset = number(ctx, "offset", 0);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("creator", creator.handle());
        ArrayNode list = n.putArray("credentials");
        for (CreatorCredential c : credentials.listOf(creator, limit, offset)) {
            ObjectNode e = list.addObject().put("id", c.id().text()).put("url", c.url()).put("model", c.modelName())
                    .put("mediaType", c.mediaType()).put("createdAt", c.createdAt().toString())
                    .put("override", c.override());
            c.registeredModel().ifPresent(m -> e.put("registeredModel", m));
        }
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, n);
    }

    private static int number(Context ctx, String name, int otherwise) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, name + ": expected a whole number ≥ 0");
        }
    }

    /** {@code GET /v1/creators/{handle}/models}. */
    void listModels(Context ctx) {
        CreatorAccount creator = creators.require(ctx.pathParam("handle"));
        CredentialHandlers.noCache(ctx, false);
        Responses.json(ctx, 200, DisclosureJson.models(creator.handle(), models.list(creator.handle()),
                models::page));
    }

    /** {@code POST /v1/creators/{handle}/models} (the creator): registers a model; 201 with its view. */
    void createModel(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        JsonNode body = JsonBodies.read(RequestBodies.raw(ctx, MAX_MODEL_BODY), "body");
        ModelRegistered m = models.create(creator, ModelSubmissionJson.parse(creator, body, Optional.empty()));
        ctx.header("Location", Routes.path(Routes.MODEL, creator.handle(), m.model().id()));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 201, registered(m, creator));
    }

    /** {@code GET /v1/creators/{handle}/models/{modelId}}: the model, its lineage upstream and who uses it. */
    void getModel(Context ctx) {
        Viewer viewer = auth.viewer(ctx);
        RegisteredModel m = model(ctx);
        CredentialHandlers.noCache(ctx, viewer.isCreator(m.creatorHandle()));
        Responses.json(ctx, 200, DisclosureJson.model(models.view(m, viewer)));
    }

    /** {@code PUT /v1/creators/{handle}/models/{modelId}} (the creator): replaces the model's record. */
    void putModel(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        String id = ctx.pathParam("modelId");
        models.ownModel(creator, id); // a model that is not the caller's is not found, whatever the body
        JsonNode body = JsonBodies.read(RequestBodies.raw(ctx, MAX_MODEL_BODY), "body");
        ModelRegistered m = models.replace(creator, id,
                ModelSubmissionJson.parse(creator, body, Optional.of(id.substring(id.indexOf(':') + 1))));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, registered(m, creator));
    }

    /** The creator's view of a revision just written, saying whether it was time-stamped and where its evidence is. */
    private ObjectNode registered(ModelRegistered m, CreatorAccount creator) {
        ObjectNode n = DisclosureJson.model(models.view(m.model(), Viewer.creator(creator)));
        n.set("timeStamp", TimeStampJson.of(m.timeStamp()));
        n.put("evidence", Routes.path(Routes.MODEL_EVIDENCE, creator.handle(), m.model().id()));
        return n;
    }

    /**
     * {@code GET /v1/creators/{handle}/models/{modelId}/evidence}: the model's evidence bundle, for
     * {@code credmark verify-evidence}; anyone's when no field of its records is private, else the creator's.
     */
    void modelEvidence(Context ctx) {
        Viewer viewer = auth.viewer(ctx);
        RegisteredModel m = model(ctx);
        ModelEvidence evidence = models.evidence(m, viewer);
        CredentialHandlers.noCache(ctx, viewer.isCreator(m.creatorHandle()));
        ctx.header("Content-Disposition", "attachment; filename=\"credmark-model-evidence-"
                + m.id().replace(':', '-') + ".json\"");
        Responses.json(ctx, 200, evidence.toJson());
    }

    /** {@code GET /m/{modelId}}: the model's page for people. */
    void modelPage(Context ctx) {
        Viewer viewer = auth.viewer(ctx);
        String id = ctx.pathParam("modelId");
        RegisteredModel m = models.find(id).orElseThrow(() -> new NotFoundException("no registered model '"
                + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'"));
        CredentialHandlers.noCache(ctx, viewer.isCreator(m.creatorHandle()));
        ctx.header("Content-Security-Policy", ModelPage.CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(200).contentType("text/html; charset=utf-8").result(ModelPage.render(models.view(m, viewer),
                models::json, usage.publicTotals(m.id()), WebHandlers.basePath(credentials.links().base())));
    }

    private RegisteredModel model(Context ctx) {
        String handle = ctx.pathParam("handle");
        String id = ctx.pathParam("modelId");
        return models.find(id).filter(m -> m.creatorHandle().equals(handle)).orElseThrow(() -> new NotFoundException(
                "no registered model '" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "' of '"
                        + (handle.length() > 64 ? handle.substring(0, 64) + "…" : handle) + "'"));
    }

    private static ProblemException document(String path, String problem) {
        return Problems.invalidDocument(null, InvalidInputException.invalidDocument(path, problem));
    }
}
