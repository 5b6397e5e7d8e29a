package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one reader found in one chunk: candidate field values in the provenance document's JSON forms, keyed by
 * path, members for {@code generation.extra}, adapters, and what it left out and why.
 */
final class Found {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    final String generator;
    final String source;
    final Map<String, JsonNode> fields = new LinkedHashMap<>();
    final ObjectNode extra = F.objectNode();
    final ArrayNode adapters = F.arrayNode();
    final List<DroppedValue> dropped = new ArrayList<>();

    Found(String generator, String source) {
        this.generator = generator;
        this.source = source;
    }

    /** Sets a field unless it is already set or the value is missing. */
    void put(String path, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode() && !(value.isTextual()
                && value.textValue().isBlank())) {
            fields.putIfAbsent(path, value);
        }
    }

    void text(String path, String value) {
        put(path, value == null ? null : F.textNode(value));
    }

    /** A number or a numeric string, as a number; anything else is dropped with a reason. */
    void number(String path, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isNumber()) {
            put(path, value);
        } else if (value.isTextual() && value.textValue().strip().matches("-?[0-9]{1,20}(\\.[0-9]{1,17})?")) {
            put(path, F.numberNode(new java.math.BigDecimal(value.textValue().strip())));
        } else if (value.isArray()) {
            drop(path, "it is a link to another node's output, not a value");
        } else {
            drop(path, "expected a number, got " + value);
        }
    }

    void adapter(String kind, String name, JsonNode weight, String hash) {
        if (name == null || name.isBlank()) {
            return;
        }
        ObjectNode a = F.objectNode().put("kind", kind).put("name", name);
        if (weight != null && weight.isNumber()) {
            a.set("weight", weight);
        }
        if (hash != null) {
            a.put("hash", hash);
        }
        adapters.add(a);
    }

    void drop(String what, String reason) {
        dropped.add(new DroppedValue(what, source, reason));
    }

    /** The adapters and extra members as fields, once reading is done. */
    Found done() {
        if (!adapters.isEmpty()) {
            fields.putIfAbsent("lineage.adapters", adapters);
        }
        if (!extra.isEmpty()) {
            fields.putIfAbsent("generation.extra", extra);
        }
        return this;
    }

    /** A checkpoint or LoRA file name without its folder and extension, as front ends show it. */
    static String modelFileName(String file) {
        if (file == null) {
            return null;
        }
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return name.replaceFirst("\\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$", "");
    }
}
