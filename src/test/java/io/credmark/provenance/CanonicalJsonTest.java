package io.credmark.provenance;

import static io.credmark.provenance.TestDocuments.MAPPER;
import static io.credmark.provenance.TestDocuments.json;
import static io.credmark.provenance.TestDocuments.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void writesMembersInSchemaOrderWhateverTheInputOrder() {
        ObjectNode canonical = TestDocuments.parse(json(
                "{'usage':{'license':'MIT'},'model':{'url':'https://example.org/m','name':'m'},"
                        + "'generation':{'width':512,'prompt':'p'},'creator':{'handle':'h'}}")).toJson();

        assertEquals(List.of("creator", "model", "generation", "usage"), names(canonical));
        assertEquals(List.of("name", "url"), names(canonical.get("model")));
        assertEquals(List.of("prompt", "width"), names(canonical.get("generation")));
    }

    @Test
    void writesHashesWithTheirAlgorithmAndNormalisedValue() {
        ObjectNode canonical = TestDocuments.example().toJson();

        assertEquals(tree(json("{'alg':'sha256','value':'9f2c4a7e1b3d5c6f8a0b2d4e6f8091a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5'}")),
                canonical.at("/model/hash"));
        assertEquals(tree(json("{'alg':'a1111-shorthash','value':'31e35c80fc'}")),
                canonical.at("/lineage/baseModels/0/hash"));
    }

    @Test
    void writesModelReferencesAsObjectsAndAdapterKindsInLowerCase() {
        ObjectNode canonical = TestDocuments.parse(TestDocuments.minimalWith(json(
                "'lineage':{'merges':[{'model':'Sumi Strokes XL','weight':0.4}],'adapters':[{'kind':'LoRA','name':'a'}]}")))
                .toJson();

        assertEquals(tree(json("{'model':{'name':'Sumi Strokes XL'},'weight':0.4}")), canonical.at("/lineage/merges/0"));
        assertEquals("lora", canonical.at("/lineage/adapters/0/kind").textValue());
    }

    @Test
    void omitsAbsentFieldsAndEmptySections() {
        ObjectNode canonical = TestDocuments.parse(TestDocuments.minimalWith(json(
                "'generation':{'seed':null,'extra':{}},'lineage':{'fineTuning':{'method':null}},'usage':{'permitted':[]}")))
                .toJson();

        assertEquals(tree(json("{'creator':{'handle':'h'},'model':{'name':'m'}}")), canonical);
    }

    @Test
    void writesLargeSeedsExactly() throws Exception {
        ObjectNode canonical = TestDocuments.parse(TestDocuments.minimalWith(
                "\"generation\":{\"seed\":\"18446744073709551615\"}")).toJson();

        assertEquals("{\"creator\":{\"handle\":\"h\"},\"model\":{\"name\":\"m\"},"
                + "\"generation\":{\"seed\":18446744073709551615}}", MAPPER.writeValueAsString(canonical));
        assertEquals(new BigInteger("18446744073709551615"), canonical.at("/generation/seed").bigIntegerValue());
    }

    @Test
    void theExampleSurvivesATripThroughBytes() throws Exception {
        ProvenanceDocument example = TestDocuments.example();
        ObjectNode canonical = example.toJson();
        byte[] written = MAPPER.writeValueAsBytes(canonical);

        assertEquals(example, ProvenanceParser.parse(canonical));
        assertEquals(example, ProvenanceParser.parse(written));
        assertEquals(canonical, MAPPER.readTree(written));
    }

    @Test
    void returnsAFreshTreeEachTimeSoCallersCannotChangeTheDocument() {
        ProvenanceDocument example = TestDocuments.example();
        ObjectNode first = example.toJson();
        ((ObjectNode) first.get("generation").get("extra")).put("Version", "tampered");
        first.remove("usage");

        assertNotSame(first, example.toJson());
        assertEquals("v1.10.1", example.generation().extra().get("Version").textValue());
        assertFalse(example.toJson().get("usage").isMissingNode());
    }

    @Test
    void extraNumbersAreStoredAsJacksonReadsThemBack() {
        ObjectNode extra = MAPPER.createObjectNode();
        extra.put("short", (short) 3);
        extra.put("long", 5L);
        extra.put("float", 1.5f);
        extra.put("decimal", new java.math.BigDecimal("2.50"));
        extra.put("big", new BigInteger("123"));
        Generation generation = new Generation(null, null, null, null, null, null, null, null, null, null, null, extra);

        assertEquals(tree("{\"short\":3,\"long\":5,\"float\":1.5,\"decimal\":2.5,\"big\":123}"), generation.extra());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
