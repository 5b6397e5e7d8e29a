package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the members of one JSON object against the schema, recording problems under the object's path.
 *
 * <p>Every member read is remembered, so {@link #complete()} can name the unknown ones together with the
 * expected names. A {@code null} member counts as absent. Readers return {@code null} for absent or invalid
 * members; callers build their record only when {@link #complete()} says the object was valid.
 */
final class NodeReader {

    /** Reads one array element (or other standalone value) at its path. */
    @FunctionalInterface
    interface ValueReader<T> {
        T read(JsonNode node, String path, Problems problems);
    }

    private final JsonNode object;
    private final String path;
    private final Problems problems;
    private final int problemsBefore;
    private final Set<String> expected = new LinkedHashSet<>();

    private NodeReader(JsonNode object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
        this.problemsBefore = problems.count();
    }

    /** A reader for {@code node}, or {@code null} after recording a problem when it is not an object. */
    static NodeReader of(JsonNode node, String path, Problems problems) {
        if (!node.isObject()) {
            problems.add(path, "expected an object, got " + Describe.value(node));
            return null;
        }
        return new NodeReader(node, path, problems);
    }

    String text(String name) {
        return optional(name, Values::text);
    }

    String requiredText(String name) {
        return required(name, Values::nonBlankText);
    }

    String url(String name) {
        return optional(name, Values::url);
    }

    BigInteger seed(String name) {
        return optional(name, Values::seed);
    }

    Integer positiveInt(String name) {
        return optional(name, Values::positiveInt);
    }

    Double number(String name) {
        return optional(name, Values::number);
    }

    ModelHash hash(String name) {
        return optional(name, Values::hash);
    }

    /** An optional free JSON object ({@code generation.extra}), checked against its bounds. */
    ObjectNode freeObject(String name) {
        return optional(name, (node, memberPath, problems) -> {
            if (!node.isObject()) {
                problems.add(memberPath, "expected an object, got " + Describe.value(node));
                return null;
            }
            int problemsBefore = problems.count();
            FreeJson.validate((ObjectNode) node, memberPath, problems);
            return problems.count() == problemsBefore ? (ObjectNode) node : null;
        });
    }

    /** An optional value read by {@code reader}. */
    <T> T optional(String name, ValueReader<T> reader) {
        JsonNode member = member(name);
        return member == null ? null : reader.read(member, JsonPaths.member(path, name), problems);
    }

    /** A required value read by {@code reader}; absence is a problem. */
    <T> T required(String name, ValueReader<T> reader) {
        JsonNode member = member(name);
        if (member == null) {
            problems.add(JsonPaths.member(path, name), "missing required field");
            return null;
        }
        return reader.read(member, JsonPaths.member(path, name), problems);
    }

    /** An optional nested object, read by {@code section}. */
    <T> T object(String name, Function<NodeReader, T> section) {
        return optional(name, objectReader(section));
    }

    <T> T requiredObject(String name, Function<NodeReader, T> section) {
        return required(name, objectReader(section));
    }

    /** An optional array of at most {@link ProvenanceLimits#MAX_ARRAY_ENTRIES}; absent is the empty list. */
    <T> List<T> list(String name, ValueReader<T> element) {
        List<T> list = optional(name, arrayReader(element));
        return list == null ? List.of() : list;
    }

    /**
     * Reports the members that were present but never read as unknown, and tells whether this object (with
     * everything nested in it) was free of problems.
     */
    boolean complete() {
        object.fieldNames().forEachRemaining(name -> {
            if (!expected.contains(name)) {
                problems.add(JsonPaths.member(path, name),
                        "unknown field (expected one of: " + String.join(", ", expected) + ")");
            }
        });
        return problems.count() == problemsBefore;
    }

    static <T> ValueReader<T> objectReader(Function<NodeReader, T> section) {
        return (node, path, problems) -> {
            NodeReader reader = of(node, path, problems);
            return reader == null ? null : section.apply(reader);
        };
    }

    static <T> ValueReader<List<T>> arrayReader(ValueReader<T> element) {
        return (node, path, problems) -> {
            if (!node.isArray()) {
                problems.add(path, "expected an array, got " + Describe.value(node));
                return null;
            }
            if (node.size() > ProvenanceLimits.MAX_ARRAY_ENTRIES) {
                problems.add(path, "has " + node.size() + " entries, at most " + ProvenanceLimits.MAX_ARRAY_ENTRIES);
                return null;
            }
            int problemsBefore = problems.count();
            List<T> values = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                values.add(element.read(node.get(i), JsonPaths.element(path, i), problems));
            }
            return problems.count() == problemsBefore ? Collections.unmodifiableList(values) : null;
        };
    }

    private JsonNode member(String name) {
        expected.add(name);
        JsonNode member = object.get(name);
        return member == null || member.isNull() ? null : member;
    }
}
