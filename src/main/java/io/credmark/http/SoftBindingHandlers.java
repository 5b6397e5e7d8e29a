package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.credential.WatermarkPayload;
import io.credmark.verification.CredentialLookup;
import io.credmark.verification.WatermarkCheck;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The C2PA Soft Binding Resolution API over credmark's invisible watermark: from a watermark's value, or an image
 * carrying one, to the manifest of the credential it leads to, and that manifest's store. The only algorithm is
 * {@link WatermarkPayload#ALG}; its binding value is the 6 bytes of the watermark id, big-endian, in base64.
 * Errors are problem documents like everywhere else in the API; a request the resolution API calls invalid is a 400.
 */
final class SoftBindingHandlers {

    /** A query document: an algorithm name and a base64 value, with room for clients that pad it out. */
    static final long MAX_QUERY_BODY = 16 * 1024;

    /** A watermark id is exact (its keyed CRC checked): a match is as strong as a match can be. */
    private static final int SIMILARITY = 100;
    private static final int DEFAULT_MAX_RESULTS = 10;
    private static final String MEDIA_TYPE = "application/c2pa";

    /**
     * A C2PA manifest identifier (spec 2.2 §8.1): {@code urn:c2pa:UUID}, optionally followed by a claim generator
     * identifier and a version and reason, or the 1.x form {@code urn:uuid:UUID}.
     */
    private static final Pattern MANIFEST_ID = Pattern.compile(
            "urn:(c2pa|uuid):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:[\\x21-\\x7e]{0,128}){0,2}",
            Pattern.CASE_INSENSITIVE);
    private static final int UUID_END = "urn:c2pa:".length() + 36;

    private final CredentialLookup credentials;
    private final long maxImageBytes;

    SoftBindingHandlers(CredentialLookup credentials, long maxImageBytes) {
        this.credentials = credentials;
        this.maxImageBytes = maxImageBytes;
    }

    /** {@code GET /services/supportedAlgorithms}. */
    void supportedAlgorithms(Context ctx) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("watermarks").addObject().put("alg", WatermarkPayload.ALG);
        body.putArray("fingerprints");
        ctx.header("Cache-Control", "public, max-age=86400");
        Responses.json(ctx, 200, body);
    }

    /** {@code GET /matches/byBinding?alg=&value=&maxResults=}. */
    void byBindingQuery(Context ctx) {
        int maxResults = maxResults(ctx);
        requireOurs(ctx.queryParam("alg"), "the query parameter 'alg'");
        // a '+' of base64 sent unencoded in a query string arrives as a space, and base64 has no spaces
        String value = Optional.ofNullable(ctx.queryParam("value")).map(v -> v.replace(' ', '+')).orElse(null);
        long watermarkId = watermarkId(value, "the query parameter 'value'");
        answer(ctx, credentials.findByWatermark(watermarkId), maxResults);
    }

    /** {@code POST /matches/byBinding?maxResults=} with {@code {"alg": "…", "value": "…"}}. */
    void byBindingDocument(Context ctx) {
        int maxResults = maxResults(ctx);
        byte[] body = RequestBodies.raw(ctx, MAX_QUERY_BODY);
        JsonNode query;
        try {
            query = JsonBodies.read(body, "body");
        } catch (ProblemException e) {
            // credmark's own routes answer 422 for an invalid document; the resolution API specifies 400
            throw new ProblemException(ProblemType.BAD_REQUEST, e.getMessage());
        }
        if (!query.isObject()) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "the body must be a JSON object {\"alg\": \"…\", \"value\": \"…\"}");
        }
        requireOurs(text(query, "alg"), "the member 'alg'");
        long watermarkId = watermarkId(text(query, "value"), "the member 'value'");
        answer(ctx, credentials.findByWatermark(watermarkId), maxResults);
    }

    /** {@code POST /matches/byContent?alg=&maxResults=} with the image as the body. */
    void byContent(Context ctx) {
        int maxResults = maxResults(ctx);
        String alg = ctx.queryParam("alg");
        if (alg != null && !alg.isEmpty()) {
            requireOurs(alg, "the query parameter 'alg'");
        }
        if (RequestBodies.isMultipart(ctx)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "send the image itself as the request body (Content-Type image/png or image/jpeg), not a form");
        }
        byte[] image = RequestBodies.raw(ctx, maxImageBytes);
        if (image.length == 0) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the request body is empty; send the image");
        }
        answer(ctx, credentials.findByContent(image), maxResults);
    }

    /**
     * {@code GET /manifests/{manifestId}?returnActiveManifest=}: the manifest store as embedded in the file issued
     * with this manifest; with {@code returnActiveManifest=true}, a store holding that manifest alone.
     */
    void manifest(Context ctx) {
        String id = ctx.pathParam("manifestId");
        if (!MANIFEST_ID.matcher(id).matches()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "'" + printable(id) + "' is not a C2PA manifest"
                    + " identifier (urn:c2pa:UUID or urn:uuid:UUID)");
        }
        // the URN scheme, its namespace and the UUID's hex digits are case-insensitive; labels are written lower-case
        String label = id.substring(0, UUID_END).toLowerCase(Locale.ROOT) + id.substring(UUID_END);
        boolean activeOnly = flag(ctx, "returnActiveManifest");
        Optional<byte[]> store = activeOnly ? credentials.activeManifest(label) : credentials.manifestStore(label);
        byte[] bytes = store.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "no manifest '" + printable(id) + "' is on record here"));
        // a manifest store is signed and never changes
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.status(200).contentType(MEDIA_TYPE).result(bytes);
    }

    private static void answer(Context ctx, Optional<WatermarkCheck.Found> found, int maxResults) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode matches = body.putArray("matches");
        // no endpoint member: the manifest is served by this service's /manifests route
        found.stream().limit(maxResults).forEach(f -> matches.addObject()
                .put("manifestId", f.manifestLabel())
                .put("similarityScore", SIMILARITY));
        // a value that leads nowhere today may lead to a credential stamped tomorrow
        ctx.header("Cache-Control", "no-cache");
        Responses.json(ctx, 200, body);
    }

    private static void requireOurs(String alg, String where) {
        if (alg == null || alg.isEmpty()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, where + " is required; this service supports "
                    + WatermarkPayload.ALG);
        }
        if (!WatermarkPayload.ALG.equals(alg)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "unknown soft-binding algorithm '" + printable(alg)
                    + "' in " + where + "; this service supports " + WatermarkPayload.ALG);
        }
    }

    private static long watermarkId(String value, String where) {
        if (value == null || value.isEmpty()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, where + " is required: the watermark id, 6 bytes"
                    + " big-endian, in base64");
        }
        return WatermarkPayload.parseBase64(value).orElseThrow(() -> new ProblemException(ProblemType.BAD_REQUEST,
                where + " is not the base64 of a 6-byte watermark id: '" + printable(value) + "'"));
    }

    private static String text(JsonNode query, String member) {
        JsonNode n = query.get(member);
        if (n != null && !n.isTextual()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the member '" + member + "' must be a string");
        }
        return n == null ? null : n.asText();
    }

    private static int maxResults(Context ctx) {
        String text = ctx.queryParam("maxResults");
        if (text == null) {
            return DEFAULT_MAX_RESULTS;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, as a number under 1 is
        }
        throw new ProblemException(ProblemType.BAD_REQUEST, "maxResults must be a whole number of at least 1, not '"
                + printable(text) + "'");
    }

    private static boolean flag(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ProblemException(ProblemType.BAD_REQUEST, name + " must be true or false, not '" + printable(text)
                + "'");
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
