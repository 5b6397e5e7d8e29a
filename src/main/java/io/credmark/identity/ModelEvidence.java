package io.credmark.identity;

import io.credmark.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A creator's evidence for a registered model, self-contained: each time-stamped revision's statement (the record
 * as registered), its RFC 3161 token and the authority's chain. {@link ModelEvidenceCheck} checks it offline.
 *
 * @param modelId       the model's id, {@code HANDLE:SLUG}
 * @param url           the model's page
 * @param registrations oldest first; a revision that could not be time-stamped has no token and proves nothing
 */
public record ModelEvidence(String modelId, String url, List<Registration> registrations) {

    public static final String FORMAT = "credmark-model-evidence/1";
    private static final ObjectMapper JSON = Json.mapper();

    /** One revision: its statement as time-stamped, and the time-stamp. */
    public record Registration(ObjectNode statement, Optional<TimeStampEvidence> timeStamp) {

        public Registration {
            statement = statement.deepCopy();
        }

        @Override
        public ObjectNode statement() {
            return statement.deepCopy();
        }
    }

    public ModelEvidence {
        registrations = List.copyOf(registrations);
    }

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.putObject("model").put("id", modelId).put("url", url);
        n.put("check", "java -jar credmark.jar verify-evidence THIS_FILE.json [--trust-anchors ROOT.pem]");
        ArrayNode list = n.putArray("registrations");
        for (Registration r : registrations) {
            ObjectNode e = list.addObject();
            e.set("statement", r.statement());
            r.timeStamp().ifPresent(t -> e.set("timeStamp", t.toJson()));
            ModelEvidenceCheck.claim(r).ifPresent(words -> e.put("claims", words));
        }
        n.put("doesNotProve", ModelEvidenceCheck.DOES_NOT_PROVE);
        return n;
    }

    /**
     * @throws InvalidInputException when the bytes are not such a bundle, naming the member that is wrong
     */
    public static ModelEvidence parse(byte[] json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid("the evidence bundle is not JSON");
        }
        if (n != null && n.path("format").asText().startsWith("credmark-evidence/")) {
            throw invalid("format: this is a credential's evidence bundle, not a model's: check it against its"
                    + " image with verify FILE --evidence BUNDLE.json");
        }
        if (n == null || !n.isObject() || !FORMAT.equals(n.path("format").asText())) {
            throw invalid("format: expected \"" + FORMAT + "\"");
        }
        if (!n.path("model").path("id").isTextual()) {
            throw invalid("model.id: expected the model's id");
        }
        JsonNode list = n.path("registrations");
        if (!list.isArray() || list.isEmpty()) {
            throw invalid("registrations: expected a non-empty array");
        }
        List<Registration> registrations = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "registrations[" + i + "]";
            JsonNode e = list.get(i);
            JsonNode statement = e.path("statement");
            ModelRegistration.fromStatement(statement, path + ".statement");
            Optional<TimeStampEvidence> stamp = e.has("timeStamp")
                    ? Optional.of(TimeStampEvidence.parse(e.get("timeStamp"), path + ".timeStamp"))
                    : Optional.empty();
            registrations.add(new Registration((ObjectNode) statement, stamp));
        }
        return new ModelEvidence(n.get("model").get("id").textValue(), n.path("model").path("url").asText(""),
                registrations);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.Kind.INVALID_DOCUMENT, message);
    }
}
