package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the gaps of a provenance document with what the input's generator metadata says. Fields the request gives
 * always win; an imported value is taken only where the request has none, and only if the document stays valid
 * with it (each is checked with the document's own parser, so an imported value meets exactly the rules a typed
 * one does). {@code generation.extra} is merged member by member, the request's members winning.
 */
public final class ProvenanceImport {

    /**
     * @param document the request's document with the imported fields
     * @param imported the fields taken, with their sources
     * @param dropped  every value not taken, with the reason
     */
    public record Result(ProvenanceDocument document, List<ImportedField> imported, List<DroppedValue> dropped) {

        public Result {
            imported = List.copyOf(imported);
            dropped = List.copyOf(dropped);
        }
    }

    private ProvenanceImport() {
    }

    public static Result merge(ProvenanceDocument explicit, GeneratorMetadata metadata) {
        Map<String, JsonNode> fields = new LinkedHashMap<>(explicit.fields());
        Map<String, JsonNode> given = Map.copyOf(fields);
        List<ImportedField> imported = new ArrayList<>();
        List<DroppedValue> dropped = new ArrayList<>(metadata.dropped());
        for (GeneratorMetadata.Candidate c : metadata.candidates()) {
            JsonNode value = c.value();
            if (c.path().equals("generation.extra") && fields.containsKey(c.path())) {
                value = mergedExtra((ObjectNode) fields.get(c.path()), (ObjectNode) value);
                if (value.equals(fields.get(c.path()))) {
                    continue;
                }
            } else if (fields.containsKey(c.path())) {
                if (!fields.get(c.path()).equals(c.value())) {
                    dropped.add(new DroppedValue(c.path(), c.source(), given.containsKey(c.path())
                            ? "the request gives this field" : "already imported from another chunk"));
                }
                continue;
            }
            Map<String, JsonNode> trial = new LinkedHashMap<>(fields);
            trial.put(c.path(), value);
            try {
                ProvenanceDocument.fromFields(trial);
                fields = trial;
                imported.add(new ImportedField(c.path(), c.source(), c.generator()));
            } catch (ProvenanceException e) {
                dropped.add(new DroppedValue(c.path(), c.source(), e.problems().isEmpty() ? e.getMessage()
                        : e.problems().get(0).message()));
            }
        }
        return new Result(imported.isEmpty() ? explicit : ProvenanceDocument.fromFields(fields), imported, dropped);
    }

    private static ObjectNode mergedExtra(ObjectNode given, ObjectNode found) {
        ObjectNode merged = found.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            merged.set(e.getKey(), e.getValue());
        }
        return merged;
    }
}
