package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.creators.CreatorAccount;
import io.credmark.creators.CreatorIdentities;
import io.credmark.creators.CredentialView;
import io.credmark.creators.CredentialViews;
import io.credmark.creators.Viewer;
import io.credmark.credential.CredentialId;
import io.credmark.credential.CredentialLinks;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.provenance.ProvenanceException;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/credentials/{id}} (JSON), {@code GET /c/{id}} (the page for people), and the creator's routes of a
 * credential: its disclosure override and evidence.
 */
final class CredentialHandlers {

    static final long MAX_POLICY_BODY = 16 * 1024;

    private final CredentialViews credentials;
    private final CredentialLinks links;
    private final Authenticator auth;
    private final UsageHandlers usage;
    private final CreatorIdentities identities;

    CredentialHandlers(CredentialViews credentials, CredentialLinks links, Authenticator auth,
            UsageHandlers usage, CreatorIdentities identities) {
        this.identities = identities;
        this.credentials = credentials;
        this.links = links;
        this.auth = auth;
        this.usage = usage;
    }

    void json(Context ctx) {
        Viewer viewer = auth.viewer(ctx);
        CredentialView v = credentials.view(id(ctx), viewer);
        noCache(ctx, v.owner());
        var json = json(v);
        if (credentials.thumbnail(v.credential().id()).isPresent()) {
            json.put("thumbnail", links.thumbnail(v.credential().id()));
        }
        usage.notice(v.credential().id()).ifPresent(n -> json.set("notice", UsageJson.notice(n)));
        Responses.json(ctx, 200, json);
    }

    void page(Context ctx) {
        Viewer viewer = auth.viewer(ctx);
        CredentialView v = credentials.view(id(ctx), viewer);
        noCache(ctx, v.owner());
        ctx.header("Content-Security-Policy", CredentialPage.CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        if (!v.owner()) {
            usage.pageViewed(v.credential().id());
        }
        ctx.status(200).contentType("text/html; charset=utf-8").result(CredentialPage.render(v, links,
                credentials.thumbnail(v.credential().id()).isPresent(), usage.notice(v.credential().id()),
                identities.confirmed(v.credential().id())));
    }

    private com.fasterxml.jackson.databind.node.ObjectNode json(CredentialView v) {
        return JsonViews.credential(v, links, identities.confirmed(v.credential().id()));
    }

    /** {@code GET /c/{id}/thumbnail.jpg}: the claim thumbnail the credential's manifest carries. */
    void thumbnail(Context ctx) {
        byte[] jpeg = credentials.thumbnail(id(ctx)).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "this credential's manifest has no thumbnail"));
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.status(200).contentType("image/jpeg").result(jpeg);
    }

    /** {@code PUT /v1/credentials/{id}/disclosure}: the creator's policy for this credential alone. */
    void putDisclosure(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx);
        DisclosurePolicy policy = policyBody(ctx);
        CredentialView v = credentials.setOverride(id(ctx), creator, Optional.of(policy));
        noCache(ctx, true);
        Responses.json(ctx, 200, json(v));
    }

    /** {@code DELETE /v1/credentials/{id}/disclosure}: back to the creator's default policy. */
    void deleteDisclosure(Context ctx) {
        CredentialView v = credentials.setOverride(id(ctx), Authenticator.creator(ctx), Optional.empty());
        noCache(ctx, true);
        Responses.json(ctx, 200, json(v));
    }

    /** {@code GET /v1/credentials/{id}/evidence?fields=a,b}: the creator's evidence bundle. */
    void evidence(Context ctx) {
        String fields = ctx.queryParam("fields");
        Optional<List<String>> chosen = fields == null || fields.isBlank() ? Optional.empty()
                : Optional.of(Arrays.stream(fields.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        CredentialId id = id(ctx);
        EvidenceBundle bundle = credentials.evidence(id, Authenticator.creator(ctx), chosen);
        noCache(ctx, true);
        ctx.header("Content-Disposition", "attachment; filename=\"credmark-evidence-" + id.text() + ".json\"");
        Responses.json(ctx, 200, bundle.toJson());
    }

    /** A policy document as the body: {@code {"generation.prompt": "private", "lineage": "protected"}}. */
    static DisclosurePolicy policyBody(Context ctx) {
        JsonNode body = JsonBodies.read(RequestBodies.raw(ctx, MAX_POLICY_BODY), "body");
        try {
            return DisclosurePolicy.parse(body);
        } catch (ProvenanceException e) {
            throw Problems.invalidDocument(null, e);
        }
    }

    /**
     * What a view shows may change at any moment (disclosure), so caches must ask again; a creator's view, which shows
     * everything, is not kept at all.
     */
    static void noCache(Context ctx, boolean creatorView) {
        ctx.header("Cache-Control", creatorView ? "private, no-store" : "no-cache");
        ctx.header("Vary", "Authorization");
    }

    private static CredentialId id(Context ctx) {
        String id = ctx.pathParam("id");
        return CredentialId.parse(id).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "no credential with the id '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
                        + "'"));
    }
}
