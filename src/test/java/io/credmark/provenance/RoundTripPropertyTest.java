package io.credmark.provenance;

import static io.credmark.provenance.TestDocuments.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Round-trip properties checked over many generated documents; a failure names the seed that reproduces it. */
class RoundTripPropertyTest {

    private static final int DOCUMENTS = 500;

    @Test
    void parsingTheCanonicalFormGivesBackAnEqualDocument() throws Exception {
        for (long seed = 0; seed < DOCUMENTS; seed++) {
            ProvenanceDocument document = new RandomDocuments(seed).next();
            ObjectNode canonical = document.toJson();
            byte[] written = MAPPER.writeValueAsBytes(canonical);
            String context = "seed " + seed + ": " + canonical;

            assertEquals(document, ProvenanceParser.parse(canonical), context);
            assertEquals(document, ProvenanceParser.parse(written), context);
            assertEquals(canonical, MAPPER.readTree(written), context);
            assertEquals(canonical, ProvenanceParser.parse(written).toJson(), context);
        }
    }

    @Test
    void fieldsRebuildTheDocumentAndAnySubsetOfThem() {
        for (long seed = 0; seed < DOCUMENTS; seed++) {
            RandomDocuments random = new RandomDocuments(seed);
            ProvenanceDocument document = random.next();
            Map<String, JsonNode> fields = document.fields();
            Map<String, JsonNode> subset = new LinkedHashMap<>();
            fields.forEach((path, value) -> {
                if (ProvenanceSchema.field(path).orElseThrow().identity() || random.nextBoolean()) {
                    subset.put(path, value);
                }
            });
            String context = "seed " + seed + ": " + document.toJson();

            assertEquals(document, ProvenanceDocument.fromFields(fields), context);
            assertEquals(subset, ProvenanceDocument.fromFields(subset).fields(), context);
        }
    }
}
