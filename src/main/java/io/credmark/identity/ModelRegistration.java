package io.credmark.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What a model registry time-stamps when a creator registers (or revises) a model: the model's id and revision, the
 * registering creator, the registration time and the record (name, version, weights hash, lineage, usage, in the
 * canonical shape of a provenance document). The token is over the SHA-256 of {@link #canonicalBytes()}.
 */
public record ModelRegistration(String modelId, int revision, String creator, Instant registeredAt,
        ObjectNode record) {

    /** What the statement says it is. */
    public static final String KIND = "credmark model registration";

    public ModelRegistration {
        record = record.deepCopy();
    }

    @Override
    public ObjectNode record() {
        return record.deepCopy();
    }

    public ObjectNode statement() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("statement", KIND);
        n.put("model", modelId);
        n.put("revision", revision);
        n.put("creator", creator);
        n.put("registeredAt", registeredAt.toString());
        n.set("record", record.deepCopy());
        return n;
    }

    /** The bytes the time-stamp covers. */
    public byte[] canonicalBytes() {
        return CanonicalStatement.bytes(statement());
    }

    /**
     * Reads a statement's members, to say what it claims; its token is checked against the statement as written
     * ({@link CanonicalStatement#bytes}), not against this reading of it.
     *
     * @throws InvalidInputException naming the member that is missing or malformed
     */
    public static ModelRegistration fromStatement(JsonNode n, String path) {
        if (n == null || !n.isObject() || !KIND.equals(n.path("statement").asText())) {
            throw invalid(path + ".statement: expected \"" + KIND + "\"");
        }
        for (String member : new String[] {"model", "creator", "registeredAt"}) {
            if (!n.path(member).isTextual()) {
                throw invalid(path + "." + member + ": expected a string");
            }
        }
        if (!n.path("revision").canConvertToInt() || !n.path("revision").isIntegralNumber()) {
            throw invalid(path + ".revision: expected a whole number");
        }
        if (!n.path("record").isObject()) {
            throw invalid(path + ".record: expected the model's record, an object");
        }
        Instant at;
        try {
            at = Instant.parse(n.get("registeredAt").textValue());
        } catch (DateTimeParseException e) {
            throw invalid(path + ".registeredAt: expected an ISO-8601 instant");
        }
        return new ModelRegistration(n.get("model").textValue(), n.get("revision").intValue(),
                n.get("creator").textValue(), at, (ObjectNode) n.get("record"));
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.Kind.INVALID_DOCUMENT, message);
    }
}
