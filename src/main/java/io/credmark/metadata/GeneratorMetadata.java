package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the input's generator metadata says, as candidate provenance fields, before they meet the request's.
 *
 * @param generators the front ends recognised, e.g. {@code ComfyUI}
 * @param candidates field values in the provenance document's JSON forms, first found first
 * @param dropped    values that cannot become fields, with the reason
 */
public record GeneratorMetadata(List<String> generators, List<Candidate> candidates, List<DroppedValue> dropped) {

    public static final GeneratorMetadata NONE = new GeneratorMetadata(List.of(), List.of(), List.of());

    /** One value for one field, and where it came from. */
    public record Candidate(String path, JsonNode value, String source, String generator) {
    }

    public GeneratorMetadata {
        generators = List.copyOf(generators);
        candidates = List.copyOf(candidates);
        dropped = List.copyOf(dropped);
    }

    public boolean isEmpty() {
        return generators.isEmpty();
    }

    /** The fields as an object of path to value, the first candidate of each path. */
    public ObjectNode fieldsJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        candidates.forEach(c -> {
            if (!n.has(c.path())) {
                n.set(c.path(), c.value());
            }
        });
        return n;
    }
}
