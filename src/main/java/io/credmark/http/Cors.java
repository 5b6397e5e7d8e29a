package io.credmark.http;

import io.javalin.http.Context;
import java.util.Set;

/**
 * Cross-origin access for what a page on another site needs to show an attributed image: the web component's
 * script, the read-only credential routes, verify (a POST that needs no key and changes nothing) and the soft-binding
 * resolution API (queries and manifests, likewise). Any origin may call them, without cookies or credentials.
 * Routes that take a key or a creator's token, or that change anything, send no CORS headers, so browsers keep other
 * sites' scripts away from them.
 */
final class Cors {

    /** {@code METHOD path} of the routes that answer other origins, as registered. */
    static final Set<String> OPEN = Set.of(
            "GET /static/{name}",
            "GET /v1/credentials/{id}",
            "GET /c/{id}/thumbnail.jpg",
            "GET /v1/credentials/{id}/embed",
            "POST /v1/verify",
            "OPTIONS /v1/verify",
            "GET /v1/trust/anchors",
            "GET /matches/byBinding",
            "POST /matches/byBinding",
            "OPTIONS /matches/byBinding",
            "POST /matches/byContent",
            "OPTIONS /matches/byContent",
            "GET /manifests/{manifestId}",
            "GET /services/supportedAlgorithms");

    /** How long a browser may keep a preflight's answer. */
    private static final String MAX_AGE = "86400";

    private Cors() {
    }

    static boolean isOpen(Route route) {
        return OPEN.contains(route.method().name() + " " + route.path());
    }

    /** The headers every answer of an open route carries, error answers included. */
    static void allow(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        // the script and images' reports may be loaded by pages that require CORP (COEP: require-corp)
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
    }

    /**
     * {@code OPTIONS /v1/verify}: the preflight for a raw image body ({@code Content-Type: image/png} is not a
     * simple request). Only POST and Content-Type are allowed; a request that wants to send credentials or an
     * Authorization header is not.
     */
    static void preflight(Context ctx) {
        preflight(ctx, "POST, OPTIONS");
    }

    /**
     * The preflight of an open POST whose body browsers send only after asking (an image, a JSON document).
     *
     * @param allow the methods of the route, for the {@code Allow} header
     */
    static void preflight(Context ctx, String allow) {
        ctx.header("Access-Control-Allow-Methods", "POST");
        ctx.header("Access-Control-Allow-Headers", "Content-Type");
        ctx.header("Access-Control-Max-Age", MAX_AGE);
        ctx.header("Allow", allow);
        ctx.status(204);
    }
}
