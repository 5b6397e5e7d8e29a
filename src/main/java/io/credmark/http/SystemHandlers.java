package io.credmark.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.Json;
import io.credmark.app.Credmark;
import io.credmark.app.ServiceNode;
import io.credmark.pki.TrustAnchors;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, metrics, the API description, the trust anchors and the problem type pages. */
final class SystemHandlers {

    private final ServiceNode node;
    private final Metrics metrics;
    private final Problems problems;
    private final byte[] openApi;
    private final String anchorsPem;
    private final Map<String, String> anchorSets;

    SystemHandlers(ServiceNode node, Metrics metrics, Problems problems, String publicBase) {
        this.node = node;
        this.metrics = metrics;
        this.problems = problems;
        this.openApi = openApi(publicBase);
        this.anchorSets = anchorSets(node.engine());
        this.anchorsPem = String.join("\n", anchorSets.values());
    }

    /** 200 when the node can reach its database, else 503. */
    void health(Context ctx) {
        if (!node.databaseReachable()) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the credential store is unreachable")
                    .header("Retry-After", "5");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "ok");
        body.put("version", Credmark.VERSION);
        body.put("database", node.databaseKind());
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, 200, body);
    }

    void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).contentType(Metrics.MEDIA_TYPE).result(metrics.render());
    }

    void openApi(Context ctx) {
        ctx.status(200).contentType(Responses.JSON).result(openApi);
    }

    /**
     * The trust anchors of this installation, PEM, each set named in the text before it: first the C2PA anchors (its
     * own root first), then the creator-identity root (for CAWG trust lists only), then the built-in TSA's chain.
     * PEM readers skip the text between blocks; a verifier takes each set into the list the name says.
     */
    void trustAnchors(Context ctx) {
        String set = ctx.queryParam("set");
        if (set != null && !set.isEmpty()) {
            String only = anchorSets.get(set);
            if (only == null) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "set: expected one of "
                        + String.join(", ", anchorSets.keySet()));
            }
            ctx.status(200).contentType("application/pem-certificate-chain").result(only);
            return;
        }
        ctx.status(200).contentType("application/pem-certificate-chain").result(anchorsPem);
    }

    /**
     * The named sets, in order: {@code c2pa} (claim signers and TSAs; this installation's root first), {@code cawg}
     * (the creator-identity root, for CAWG trust lists only) and {@code tsa} (the built-in TSA's chain, which the
     * {@code c2pa} set already covers).
     */
    static Map<String, String> anchorSets(Credmark engine) {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("c2pa", "# c2pa: credmark's C2PA trust anchors, for claim signers and time-stamps"
                + " (c2pa-rs trust.trust_anchors; c2patool --trust_anchors)\n" + engine.trustAnchors().toPem());
        sets.put("cawg", "# cawg: credmark's creator-identity root, for CAWG identity credentials only, never C2PA"
                + " signers (c2pa-rs 0.91 trust.anchors [{\"trust_kind\": \"cawg\", \"trust_anchors\": PEM}];"
                + " earlier c2pa-rs cawg_trust.trust_anchors)\n" + engine.cawgTrustAnchors().toPem());
        sets.put("tsa", "# tsa: credmark's built-in time-stamping authority, its certificate then its issuer (the"
                + " c2pa set's root already covers it)\n"
                + TrustAnchors.of(engine.timeStampAuthority().chain()).toPem());
        return sets;
    }

    /** A page describing a problem type: problem type URIs resolve to it. */
    void problemType(Context ctx) {
        ProblemType type = ProblemType.bySlug(ctx.pathParam("slug")).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "no such problem type"));
        Html h = new Html().markup("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .text(type.title()).markup("</title></head><body><h1>").text(type.title()).markup("</h1><p>")
                .text((type.status() == 0 ? "" : "HTTP " + type.status() + ". ") + type.description())
                .markup("</p><p>Type URI: <code>").text(problems.typeUri(type)).markup("</code></p></body></html>\n");
        ctx.header("Content-Security-Policy", "default-src 'none'");
        ctx.status(200).contentType("text/html; charset=utf-8").result(h.toString());
    }

    private static byte[] openApi(String publicBase) {
        try (InputStream in = SystemHandlers.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the class path");
            }
            ObjectMapper json = Json.mapper();
            ObjectNode doc = (ObjectNode) json.readTree(in);
            ArrayNode servers = doc.putArray("servers");
            servers.addObject().put("url", publicBase);
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
