package io.credmark.provenance;

import static io.credmark.provenance.TestDocuments.json;
import static io.credmark.provenance.TestDocuments.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceSchemaTest {

    @Test
    void declaresEveryFieldInSchemaOrder() {
        assertEquals(List.of(
                "creator.handle", "creator.displayName", "creator.url",
                "model.name", "model.version", "model.hash", "model.url",
                "generation.prompt", "generation.negativePrompt", "generation.seed", "generation.steps",
                "generation.sampler", "generation.scheduler", "generation.cfgScale", "generation.width",
                "generation.height", "generation.denoise", "generation.promptAuthor", "generation.extra",
                "lineage.baseModels", "lineage.merges", "lineage.adapters", "lineage.datasets",
                "lineage.fineTuning.method", "lineage.fineTuning.notes",
                "lineage.safetyValidation.method", "lineage.safetyValidation.result", "lineage.credits",
                "usage.license", "usage.url", "usage.permitted", "usage.prohibited", "usage.attribution"),
                ProvenanceSchema.paths());
    }

    @Test
    void identityFieldsAreTheCreatorHandleAndModelName() {
        assertEquals(List.of("creator.handle", "model.name"), ProvenanceSchema.identityPaths());
        assertTrue(ProvenanceSchema.field("model.name").orElseThrow().identity());
        assertFalse(ProvenanceSchema.field("model.hash").orElseThrow().identity());
    }

    @Test
    void onlyDeclaredLeavesAreFields() {
        assertTrue(ProvenanceSchema.isField("generation.extra"));
        assertTrue(ProvenanceSchema.isField("lineage.datasets"));
        assertTrue(ProvenanceSchema.isField("lineage.fineTuning.method"));
        for (String notAField : new String[] {"lineage", "lineage.fineTuning", "generation.extra.Version",
                "lineage.datasets[0]", "lineage.datasets[0].name", "creator", "", "Creator.handle", null}) {
            assertFalse(ProvenanceSchema.isField(notAField), notAField);
        }
        assertEquals(FieldType.HASH, ProvenanceSchema.field("model.hash").orElseThrow().type());
        assertEquals(List.of("lineage", "fineTuning", "method"),
                ProvenanceSchema.field("lineage.fineTuning.method").orElseThrow().segments());
    }

    @Test
    void theExampleUsesEveryField() {
        assertEquals(ProvenanceSchema.paths(), new ArrayList<>(TestDocuments.example().fields().keySet()));
    }

    @Test
    void listsOnlyPresentFieldsWithTheirCanonicalValues() {
        ProvenanceDocument document = TestDocuments.parse(TestDocuments.minimalWith(json(
                "'generation':{'seed':42},'lineage':{'fineTuning':{'notes':'n'},'credits':[{'handle':'c'}]},"
                        + "'usage':{'license':'MIT'}")).replace("\"name\":\"m\"",
                "\"name\":\"m\",\"hash\":\"6CE0161689\""));

        Map<String, JsonNode> fields = document.fields();

        assertEquals(List.of("creator.handle", "model.name", "model.hash", "generation.seed",
                "lineage.fineTuning.notes", "lineage.credits", "usage.license"), new ArrayList<>(fields.keySet()));
        assertEquals(tree(json("{'alg':'a1111-shorthash','value':'6ce0161689'}")), fields.get("model.hash"));
        assertEquals(IntNode.valueOf(42), fields.get("generation.seed"));
        assertEquals(tree(json("[{'handle':'c'}]")), fields.get("lineage.credits"));
    }

    @Test
    void rebuildsTheDocumentFromAllItsFields() {
        ProvenanceDocument example = TestDocuments.example();

        assertEquals(example, ProvenanceDocument.fromFields(example.fields()));
    }

    @Test
    void rebuildsAPartialDocumentFromDisclosedFields() {
        Map<String, JsonNode> all = TestDocuments.example().fields();
        Map<String, JsonNode> disclosed = new LinkedHashMap<>();
        for (String path : List.of("creator.handle", "model.name", "generation.seed", "lineage.datasets",
                "lineage.safetyValidation.result", "usage.prohibited")) {
            disclosed.put(path, all.get(path));
        }

        ProvenanceDocument partial = ProvenanceDocument.fromFields(disclosed);

        assertEquals(disclosed, partial.fields());
        assertEquals(null, partial.generation().prompt());
        assertEquals(2, partial.lineage().datasets().size());
        assertEquals(null, partial.lineage().safetyValidation().method());
    }

    @Test
    void acceptsFieldValuesInAnyInputFormAndSkipsNulls() {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("model.hash", TextNode.valueOf("sha256:" + "AB".repeat(32)));
        fields.put("model.name", TextNode.valueOf("m"));
        fields.put("creator.handle", TextNode.valueOf("h"));
        fields.put("generation.prompt", null);

        ProvenanceDocument document = ProvenanceDocument.fromFields(fields);

        assertEquals("ab".repeat(32), document.model().hash().value());
        assertEquals(json("{'creator':{'handle':'h'},'model':{'name':'m','hash':'sha256:" + "AB".repeat(32) + "'}}"),
                ProvenanceSchema.assemble(fields).toString());
    }

    @Test
    void rejectsUndeclaredPathsAndInvalidValues() {
        ProvenanceException unknown = assertThrows(ProvenanceException.class, () -> ProvenanceDocument.fromFields(
                Map.of("lineage.fineTuning", TextNode.valueOf("x"), "creator.handle", TextNode.valueOf("h"))));
        assertEquals("not a declared field path: \"lineage.fineTuning\"", unknown.getMessage());

        ProvenanceException invalid = assertThrows(ProvenanceException.class, () -> ProvenanceDocument.fromFields(Map.of(
                "creator.handle", TextNode.valueOf("h"), "model.name", TextNode.valueOf("m"),
                "generation.steps", TextNode.valueOf("many"))));
        assertEquals("generation.steps: expected an integer, got \"many\"", invalid.getMessage());
    }

    @Test
    void identityFieldsCannotBeLeftOut() {
        ProvenanceException e = assertThrows(ProvenanceException.class,
                () -> ProvenanceDocument.fromFields(Map.of("model.name", TextNode.valueOf("m"))));

        assertEquals("creator: missing required field", e.getMessage());
    }

    @Test
    void theUserDocumentationDescribesEveryField() throws IOException {
        String documentation = Files.readString(Path.of("docs/provenance.md"));

        for (String path : ProvenanceSchema.paths()) {
            assertTrue(documentation.contains("| `" + path + "`"), "docs/provenance.md has no table row for " + path);
        }
    }
}
