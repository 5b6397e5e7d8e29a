package io.credmark.identity;

import io.credmark.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The bytes a statement is time-stamped as: its JSON with every object's members sorted by name, no whitespace,
 * UTF-8. A verifier rebuilds them from the statement however a bundle was re-indented, so the token's imprint is
 * checked against the statement's content, not its layout.
 */
public final class CanonicalStatement {

    private static final ObjectMapper JSON = Json.mapper();

    private CanonicalStatement() {
    }

    public static byte[] bytes(JsonNode statement) {
        try {
            return JSON.writeValueAsString(sorted(statement)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the statement cannot be written as JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            Collections.sort(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            names.forEach(n -> out.set(n, sorted(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
