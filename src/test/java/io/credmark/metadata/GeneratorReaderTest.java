package io.credmark.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.InvalidInputException;
import io.credmark.container.AssetHandlers;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.testing.Corpus;
import io.credmark.testing.TestInstallation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each front end's metadata, as it writes it, becomes the provenance fields docs/provenance.md lists. */
class GeneratorReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GeneratorMetadata read(String file) {
        return GeneratorReader.read(AssetHandlers.read(Corpus.bytes(file)));
    }

    private static ProvenanceImport.Result imported(String file) {
        return ProvenanceImport.merge(TestInstallation.minimalProvenance(), read(file));
    }

    @Test
    void comfyUiGraphIsWalkedFromTheSamplerThroughTheLoraLoadersToTheCheckpoint() {
        ProvenanceImport.Result r = imported("testdata/generators/comfyui-lora.png");
        JsonNode doc = r.document().toJson();
        assertEquals("ink wash painting of a grey heron in a misty river at dawn, loose brushwork",
                doc.at("/generation/prompt").asText());
        assertEquals("photo, 3d render, watermark, text", doc.at("/generation/negativePrompt").asText());
        assertEquals(1039481773L, doc.at("/generation/seed").asLong());
        assertEquals(28, doc.at("/generation/steps").asInt());
        assertEquals(6.5, doc.at("/generation/cfgScale").asDouble());
        assertEquals("dpmpp_2m", doc.at("/generation/sampler").asText());
        assertEquals("karras", doc.at("/generation/scheduler").asText());
        assertEquals(832, doc.at("/generation/width").asInt());
        assertEquals(1216, doc.at("/generation/height").asInt());
        assertTrue(doc.at("/generation/denoise").isMissingNode(), "a text-to-image graph has no denoise");
        assertEquals(List.of("film_grain", "inkwash_texture_v3"), names(doc.at("/lineage/adapters")));
        assertEquals(0.35, doc.at("/lineage/adapters/0/weight").asDouble());
        assertEquals("sdxl/juggernautXL_v9.safetensors", doc.at("/generation/extra/ckpt_name").asText());
        assertEquals(64, doc.at("/generation/extra/workflow/sha256").asText().length());
        assertTrue(doc.at("/generation/extra/workflow/nodes").isMissingNode(), "the editor graph is kept as a hash");
        assertEquals("Inkwash XL", doc.at("/model/name").asText(), "the request's model name wins");
        assertTrue(r.dropped().stream().anyMatch(d -> d.what().equals("model.name")
                && d.reason().equals("the request gives this field")), r.dropped().toString());
        assertTrue(r.imported().stream().anyMatch(f -> f.path().equals("generation.seed")
                && f.source().equals("PNG tEXt \"prompt\"") && f.generator().equals("ComfyUI")));
    }

    @Test
    void comfyUiEditorGraphIsKeptWholeOnlyWhenAskedAndWhileItFits() {
        String small = "{\"last_node_id\": 1, \"nodes\": [{\"id\": 1, \"type\": \"KSampler\"}], \"links\": []}";
        List<GeneratorText> texts = List.of(new GeneratorText("PNG tEXt \"workflow\"", "workflow", small));
        JsonNode hashed = ProvenanceImport.merge(TestInstallation.minimalProvenance(), GeneratorReader.read(texts))
                .document().toJson();
        assertEquals(64, hashed.at("/generation/extra/workflow/sha256").asText().length());
        JsonNode kept = ProvenanceImport.merge(TestInstallation.minimalProvenance(), GeneratorReader.read(texts, true))
                .document().toJson();
        assertEquals("KSampler", kept.at("/generation/extra/workflow/nodes/0/type").asText(), kept.toString());

        // a real editor graph is beyond the provenance's bounds: left out, and the stamp answer says why
        ProvenanceImport.Result large = ProvenanceImport.merge(TestInstallation.minimalProvenance(),
                GeneratorReader.read(AssetHandlers.read(Corpus.bytes("testdata/generators/comfyui-lora.png")), true));
        assertTrue(large.dropped().stream().anyMatch(d -> d.what().equals("generation.extra")
                && d.source().equals("PNG tEXt \"workflow\"") && d.reason().contains("at most")), large.dropped().toString());

        ObjectMapper json = new ObjectMapper();
        assertFalse(MetadataOptions.DEFAULT.keepWorkflow(), "the hash is the default");
        assertTrue(MetadataOptions.parse(json.createObjectNode().put("workflow", "keep")).keepWorkflow());
        InvalidInputException wrong = assertThrows(InvalidInputException.class,
                () -> MetadataOptions.parse(json.createObjectNode().put("workflow", "all")));
        assertTrue(wrong.getMessage().startsWith("options.workflow:"), wrong.getMessage());
    }

    @Test
    void invokeAiMetadataWithBlake3HashesLabelledAsSuch() {
        JsonNode doc = imported("testdata/generators/invokeai.png").document().toJson();
        assertEquals("a paper lantern festival over a canal at night, reflections, bokeh",
                doc.at("/generation/prompt").asText());
        assertEquals(2718281828L, doc.at("/generation/seed").asLong());
        assertEquals("dpmpp_2m_k", doc.at("/generation/sampler").asText());
        assertEquals(7.5, doc.at("/generation/cfgScale").asDouble());
        assertEquals("paper_lanterns_xl", doc.at("/lineage/adapters/0/name").asText());
        assertEquals("blake3", doc.at("/lineage/adapters/0/hash/alg").asText());
        assertEquals(0.75, doc.at("/lineage/adapters/0/weight").asDouble());
        assertEquals("4.2.9", doc.at("/generation/extra/app_version").asText());

        ProvenanceDocument noHash = new ProvenanceDocument(TestInstallation.minimalProvenance().creator(),
                new io.credmark.provenance.Model("Inkwash XL", null, null, null));
        JsonNode model = ProvenanceImport.merge(noHash, read("testdata/generators/invokeai.png")).document()
                .toJson().at("/model/hash");
        assertEquals("blake3", model.get("alg").asText());
        assertEquals("9c7a3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff001", model.get("value").asText());
    }

    @Test
    void novelAiCommentJson() {
        GeneratorMetadata m = read("testdata/generators/novelai.png");
        assertEquals(List.of("NovelAI"), m.generators());
        JsonNode doc = ProvenanceImport.merge(TestInstallation.minimalProvenance(), m).document().toJson();
        assertEquals("1girl, silver hair, reading in a library, soft window light, very aesthetic, masterpiece",
                doc.at("/generation/prompt").asText());
        assertEquals("lowres, bad anatomy, bad hands, text, error, worst quality",
                doc.at("/generation/negativePrompt").asText());
        assertEquals(3141592653L, doc.at("/generation/seed").asLong());
        assertEquals(5.0, doc.at("/generation/cfgScale").asDouble());
        assertEquals("k_euler_ancestral", doc.at("/generation/sampler").asText());
        assertEquals("karras", doc.at("/generation/scheduler").asText());
        assertEquals("NovelAI Diffusion V4 4F6D7A4A", m.fieldsJson().get("model.name").asText());
    }

    @Test
    void a1111InfotextWithCivitaiResourcesAndAirUrnsInPngAndJpeg() {
        for (String file : List.of("testdata/generators/a1111-civitai.png", "testdata/generators/a1111-civitai.jpg")) {
            ProvenanceDocument noVersion = TestInstallation.minimalProvenance();
            JsonNode doc = ProvenanceImport.merge(noVersion, read(file)).document().toJson();
            assertEquals(424242, doc.at("/generation/seed").asInt(), file);
            assertEquals("Karras", doc.at("/generation/scheduler").asText());
            assertEquals("V9 + RDPhoto2-Lightning_4S", doc.at("/model/version").asText());
            assertEquals("https://civitai.com/models/133005?modelVersionId=288982", doc.at("/model/url").asText());
            assertEquals("a1111-shorthash", doc.at("/model/hash/alg").asText());
            assertEquals("1fe6c7ec54", doc.at("/model/hash/value").asText());
            assertEquals(List.of("storm_light_xl", "Storm Light XL"), names(doc.at("/lineage/adapters")));
            assertEquals(0.6, doc.at("/lineage/adapters/0/weight").asDouble());
        }
    }

    @Test
    void theExistingCorpusA1111AndComfyUiFilesAreRecognisedByContent() {
        assertEquals(List.of("AUTOMATIC1111"), read("testdata/images/a1111-parameters.png").generators());
        assertEquals(List.of("AUTOMATIC1111"), read("testdata/images/exif-a1111-usercomment.jpg").generators());
        assertEquals(1234567890L, read("testdata/images/exif-a1111-usercomment.jpg").fieldsJson()
                .get("generation.seed").asLong());
        assertEquals(List.of("ComfyUI"), read("testdata/images/comfyui-prompt-workflow.png").generators());
        assertEquals(List.of(), read("testdata/images/rgb8.png").generators());
    }

    @Test
    void graphsBeyondTheBoundsAreRefusedNamingTheChunk() {
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(GeneratorReader.MAX_JSON_DEPTH + 10)).append("]".repeat(GeneratorReader.MAX_JSON_DEPTH + 10));
        String nested = "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"x\": " + deep + "}}}";
        InvalidInputException tooDeep = assertThrows(InvalidInputException.class, () -> GeneratorReader.read(
                List.of(new GeneratorText("PNG tEXt \"prompt\"", "prompt", nested))));
        assertTrue(tooDeep.getMessage().startsWith("PNG tEXt \"prompt\": the JSON is nested more than 64"),
                tooDeep.getMessage());

        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= ComfyUiImport.MAX_NODES; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(i).append("\":{\"class_type\":\"Note\",\"inputs\":{}}");
        }
        String wide = many.append('}').toString();
        InvalidInputException tooMany = assertThrows(InvalidInputException.class, () -> GeneratorReader.read(
                List.of(new GeneratorText("PNG tEXt \"prompt\"", "prompt", wide))));
        assertTrue(tooMany.getMessage().contains("10001 nodes, more than 10000"), tooMany.getMessage());
        assertEquals(InvalidInputException.Kind.MALFORMED_IMAGE, tooMany.kind());
    }

    @Test
    void aCycleInTheGraphEndsTheWalk() throws Exception {
        String graph = "{\"1\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"model\": [\"2\", 0]}},"
                + "\"2\": {\"class_type\": \"LoraLoader\", \"inputs\": {\"lora_name\": \"a.safetensors\","
                + " \"strength_model\": 1, \"model\": [\"3\", 0]}},"
                + "\"3\": {\"class_type\": \"LoraLoader\", \"inputs\": {\"lora_name\": \"b.safetensors\","
                + " \"strength_model\": 1, \"model\": [\"2\", 0]}}}";
        GeneratorMetadata m = GeneratorReader.read(List.of(new GeneratorText("PNG tEXt \"prompt\"", "prompt", graph)));
        assertEquals(2, m.fieldsJson().get("lineage.adapters").size());
    }

    private static List<String> names(JsonNode adapters) {
        List<String> names = new java.util.ArrayList<>();
        adapters.forEach(a -> names.add(a.get("name").asText()));
        return names;
    }
}
