package io.credmark.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.Json;
import io.javalin.http.Context;

/** Writing JSON responses. */
final class Responses {

    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = Json.mapper();

    private Responses() {
    }

    static void json(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType(JSON).result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
