package io.credmark.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.creators.ModelRegistry;
import io.credmark.provenance.Generation;
import io.credmark.provenance.Problem;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceException;
import io.credmark.provenance.ProvenanceParser;
import java.util.Iterator;
import java.util.Objects;

/**
 * The provenance part of a stamp request: either a whole provenance document, or a registered model by id plus
 * how this image was generated: {@code {"registeredModel": "HANDLE:SLUG", "generation": {…}}}. The registered
 * form stamps a snapshot of the model's registry record as it is at stamp time.
 */
public sealed interface ProvenanceInput {

    String REGISTERED_MODEL = "registeredModel";

    /** A whole provenance document. */
    record Spelled(ProvenanceDocument document) implements ProvenanceInput {
        public Spelled {
            Objects.requireNonNull(document, "document");
        }
    }

    /** A registered model and the generation section. */
    record Registered(String modelId, Generation generation) implements ProvenanceInput {
        public Registered {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(generation, "generation");
        }
    }

    /** @throws ProvenanceException naming each problem with its path */
    static ProvenanceInput parse(byte[] json) {
        JsonNode root = ProvenanceParser.readTree(json);
        if (root == null || !root.isObject() || !root.has(REGISTERED_MODEL)) {
            return new Spelled(ProvenanceParser.parse(root));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals(REGISTERED_MODEL) && !name.equals("generation")) {
                throw new ProvenanceException(java.util.List.of(new Problem(name, "unknown field (with "
                        + REGISTERED_MODEL + " a stamp takes only: " + REGISTERED_MODEL + ", generation)")));
            }
        }
        JsonNode id = root.get(REGISTERED_MODEL);
        if (!id.isTextual() || !ModelRegistry.ID.matcher(id.textValue()).matches()) {
            throw new ProvenanceException(java.util.List.of(new Problem(REGISTERED_MODEL,
                    "expected the id of a registered model, HANDLE:SLUG")));
        }
        Generation generation = Generation.EMPTY;
        if (root.hasNonNull("generation")) {
            // read by the provenance parser, so that its rules and error paths are those of a whole document
            ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
            wrapper.putObject("creator").put("handle", "-");
            wrapper.putObject("model").put("name", "-");
            wrapper.set("generation", root.get("generation"));
            generation = ProvenanceParser.parse(wrapper).generation();
        }
        return new Registered(id.textValue(), generation);
    }
}
