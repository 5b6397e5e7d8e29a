package io.credmark.http;

/**
 * The service's paths, in one table: {@link HttpServer} serves them and {@link WebLinks} makes links to them.
 * Parameters are written {@code {name}}, as Javalin takes them.
 */
final class Routes {

    static final String HOME = "/";
    static final String CREATOR_HOME = "/creator";
    static final String STATIC = "/static/{name}";
    /** The one style sheet of every page, served by {@link #STATIC}. */
    static final String SITE_STYLE = "/static/site.css";
    static final String STAMP = "/v1/stamp";
    static final String VERIFY = "/v1/verify";
    static final String CREDENTIAL = "/v1/credentials/{id}";
    static final String CREDENTIAL_PAGE = "/c/{id}";
    static final String CREDENTIAL_THUMBNAIL = "/c/{id}/thumbnail.jpg";
    static final String CREDENTIAL_DISCLOSURE = "/v1/credentials/{id}/disclosure";
    static final String CREDENTIAL_EVIDENCE = "/v1/credentials/{id}/evidence";
    static final String CREDENTIAL_EMBED = "/v1/credentials/{id}/embed";
    static final String CREATORS = "/v1/creators";
    static final String CREATOR = "/v1/creators/{handle}";
    static final String CREATOR_TOKEN = "/v1/creators/{handle}/token";
    static final String CREATOR_DISCLOSURE = "/v1/creators/{handle}/disclosure";
    static final String CREATOR_CREDENTIALS = "/v1/creators/{handle}/credentials";
    static final String CREATOR_GRANTS = "/v1/creators/{handle}/grants";
    static final String CREATOR_PAGE = "/u/{handle}";
    static final String MODELS = "/v1/creators/{handle}/models";
    static final String MODEL = "/v1/creators/{handle}/models/{modelId}";
    static final String MODEL_EVIDENCE = "/v1/creators/{handle}/models/{modelId}/evidence";
    static final String MODEL_PAGE = "/m/{modelId}";
    static final String API_KEYS = "/v1/api-keys";
    static final String API_KEY = "/v1/api-keys/{name}";
    static final String MATCHES_BY_BINDING = "/matches/byBinding";
    static final String MATCHES_BY_CONTENT = "/matches/byContent";
    static final String MANIFEST = "/manifests/{manifestId}";
    static final String SUPPORTED_ALGORITHMS = "/services/supportedAlgorithms";
    static final String TSA = "/tsa";
    static final String TRUST_ANCHORS = "/v1/trust/anchors";
    static final String HEALTH = "/healthz";
    static final String METRICS = "/metrics";
    static final String OPENAPI = "/openapi.json";
    static final String PROBLEM_TYPE = "/problems/{slug}";

    private Routes() {
    }

    /**
     * The path with its parameters filled in, in the order they appear. Values are ids, handles and names the
     * service made and checked (no {@code /}, {@code ?} or {@code #}), so they need no escaping.
     */
    static String path(String template, String... values) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (String v : values) {
            int open = template.indexOf('{', from);
            int close = template.indexOf('}', open);
            if (open < 0 || close < 0) {
                throw new IllegalArgumentException(template + " has fewer than " + values.length + " parameters");
            }
            out.append(template, from, open).append(v);
            from = close + 1;
        }
        if (template.indexOf('{', from) >= 0) {
            throw new IllegalArgumentException(template + " has more than " + values.length + " parameters");
        }
        return out.append(template.substring(from)).toString();
    }
}
