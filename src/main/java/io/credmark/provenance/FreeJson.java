package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Map;

/**
 * The free JSON object {@code generation.extra}: its bounds, and its canonical copy.
 *
 * <p>Canonical numbers are what Jackson itself reads back from the written text (int, long or big integer by
 * size; double otherwise), so that a document equals itself after a trip through bytes.
 */
final class FreeJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private FreeJson() {
    }

    /**
     * Records every way {@code extra} breaks the bounds; it is known to be an object.
     *
     * @return the number of members and elements at all levels
     */
    static int validate(ObjectNode extra, String path, Problems problems) {
        int entries = validate(extra, path, 1, problems);
        if (entries > ProvenanceLimits.MAX_EXTRA_ENTRIES) {
            problems.add(path, "has " + entries + " entries at all levels together, at most "
                    + ProvenanceLimits.MAX_EXTRA_ENTRIES);
        }
        return entries;
    }

    /** Returns the number of members and elements at and below {@code node}, to bound the whole tree. */
    private static int validate(JsonNode node, String path, int depth, Problems problems) {
        if (node.isContainerNode() && depth > ProvenanceLimits.MAX_EXTRA_DEPTH) {
            problems.add(path, "is nested too deeply: generation.extra allows "
                    + ProvenanceLimits.MAX_EXTRA_DEPTH + " levels of objects and arrays");
            return 0;
        }
        if (node.isObject()) {
            int entries = 0;
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String memberPath = JsonPaths.member(path, member.getKey());
                String keyProblem = TextRules.problemWith(member.getKey());
                if (keyProblem != null) {
                    problems.add(memberPath, "member name " + keyProblem);
                }
                entries += 1 + validate(member.getValue(), memberPath, depth + 1, problems);
            }
            return entries;
        }
        if (node.isArray()) {
            int entries = 0;
            for (int i = 0; i < node.size(); i++) {
                entries += 1 + validate(node.get(i), JsonPaths.element(path, i), depth + 1, problems);
            }
            return entries;
        }
        if (node.isTextual()) {
            String textProblem = TextRules.problemWith(node.textValue());
            if (textProblem != null) {
                problems.add(path, textProblem);
            }
        } else if (node.isNumber()) {
            if (!node.isIntegralNumber() && !Double.isFinite(node.doubleValue())) {
                problems.add(path, "number out of range, got " + Describe.value(node));
            }
        } else if (!node.isBoolean() && !node.isNull()) {
            problems.add(path, "expected a JSON value, got " + Describe.value(node));
        }
        return 0;
    }

    /** A deep copy in canonical form; the tree must be valid JSON (checked by {@link #validate}). */
    static ObjectNode canonicalCopy(ObjectNode extra) {
        return (ObjectNode) copy(extra);
    }

    private static JsonNode copy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.properties().forEach(member -> copy.set(member.getKey(), copy(member.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode(node.size());
            node.forEach(element -> copy.add(copy(element)));
            return copy;
        }
        if (node.isIntegralNumber()) {
            return integer(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("generation.extra holds a number out of range: " + node);
            }
            return NODES.numberNode(value);
        }
        if (node.isTextual() || node.isBoolean() || node.isNull()) {
            return node;
        }
        throw new IllegalArgumentException("generation.extra holds a value that is not JSON: " + node.getNodeType());
    }

    /** The node Jackson reads for this integer's decimal text. */
    static JsonNode integer(BigInteger value) {
        if (value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0) {
            return NODES.numberNode(value.intValue());
        }
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return NODES.numberNode(value.longValue());
        }
        return NODES.numberNode(value);
    }
}
