package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.access.ApiKey;
import io.credmark.access.ApiKeyRole;
import io.credmark.access.ApiKeys;
import io.credmark.access.NewApiKey;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Set;

/** The admin routes for API keys: list, create (the key is in the answer, once), revoke. */
final class ApiKeyHandlers {

    static final long MAX_BODY = 4096;

    private final ApiKeys apiKeys;

    ApiKeyHandlers(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    void list(Context ctx) {
        ArrayNode keys = JsonNodeFactory.instance.arrayNode();
        apiKeys.list().forEach(k -> keys.add(JsonViews.apiKey(k)));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("keys", keys);
        Responses.json(ctx, 200, body);
    }

    /** Body: {@code {"name": "…", "role": "stamp" | "admin"}}, role defaulting to stamp. */
    void create(Context ctx) {
        JsonNode body = JsonBodies.read(RequestBodies.raw(ctx, MAX_BODY), "body");
        if (!body.isObject()) {
            throw document("", "expected a JSON object");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!Set.of("name", "role").contains(name)) {
                throw document(name, "unknown member; expected name and role");
            }
        }
        if (!body.path("name").isTextual()) {
            throw document("name", "required, a string");
        }
        ApiKeyRole role = ApiKeyRole.STAMP;
        if (body.has("role")) {
            role = ApiKeyRole.byWireName(body.get("role").asText(""))
                    .filter(r -> body.get("role").isTextual())
                    .orElseThrow(() -> document("role", "expected \"stamp\" or \"admin\""));
        }
        NewApiKey created = apiKeys.create(body.get("name").asText(), role);
        ctx.header("Location", Routes.path(Routes.API_KEY, created.key().name()));
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, 201, JsonViews.newApiKey(created));
    }

    void revoke(Context ctx) {
        String name = ctx.pathParam("name");
        ApiKey key = apiKeys.revoke(name).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "no API key named '" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'"));
        Responses.json(ctx, 200, JsonViews.apiKey(key));
    }

    private static ProblemException document(String path, String problem) {
        return Problems.invalidDocument(null, InvalidInputException.invalidDocument(path, problem));
    }
}
