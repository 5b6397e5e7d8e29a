package io.credmark.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.Json;
import io.credmark.issuance.StampedImage;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;

/** Writing JSON responses, and files too large to hold in memory. */
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

    /**
     * Writes {@code image} as the body now, from memory or from its file, so that a file of the request can be
     * removed as soon as the handler returns.
     */
    static void binary(Context ctx, int status, String mediaType, StampedImage image) throws IOException {
        ctx.status(status).contentType(mediaType);
        ctx.res().setContentLengthLong(image.length());
        OutputStream out = ctx.res().getOutputStream();
        image.writeTo(out);
        out.flush();
    }

    /**
     * Writes {@code body} with {@code image} in base64 as its member {@code field}, now and streaming: a large image
     * is never held in memory, in bytes or in base64.
     */
    static void jsonWithBinary(Context ctx, int status, ObjectNode body, String field, StampedImage image)
            throws IOException {
        ctx.status(status).contentType(JSON);
        OutputStream out = ctx.res().getOutputStream();
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out);
                InputStream in = image.open()) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                json.writeFieldName(e.getKey());
                MAPPER.writeTree(json, e.getValue());
            }
            json.writeFieldName(field);
            json.writeBinary(in, Math.toIntExact(image.length()));
            json.writeEndObject();
        }
        out.flush();
    }
}
