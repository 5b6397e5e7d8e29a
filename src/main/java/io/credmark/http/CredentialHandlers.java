package io.credmark.http;

import io.credmark.service.Credential;
import io.credmark.service.CredentialId;
import io.credmark.service.CredentialService;
import io.javalin.http.Context;

/** {@code GET /v1/credentials/{id}} (JSON) and {@code GET /c/{id}} (the page for people). */
final class CredentialHandlers {

    private final CredentialService credentials;

    CredentialHandlers(CredentialService credentials) {
        this.credentials = credentials;
    }

    void json(Context ctx) {
        Credential c = find(ctx);
        // what a view shows may change after the stamp (disclosure), so caches must ask again
        ctx.header("Cache-Control", "no-cache");
        Responses.json(ctx, 200, JsonViews.credential(c, credentials.links()));
    }

    void page(Context ctx) {
        Credential c = find(ctx);
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Content-Security-Policy", CredentialPage.CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(200).contentType("text/html; charset=utf-8").result(CredentialPage.render(c, credentials.links()));
    }

    private Credential find(Context ctx) {
        String id = ctx.pathParam("id");
        return CredentialId.parse(id).flatMap(credentials::find).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "no credential with the id '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
                        + "'"));
    }
}
