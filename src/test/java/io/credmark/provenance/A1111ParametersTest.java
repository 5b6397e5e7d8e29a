package io.credmark.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class A1111ParametersTest {

    private static final String SD15 = """
            masterpiece, best quality, 1girl, solo, long hair, looking at viewer, smile, outdoors, cherry blossoms
            Negative prompt: (worst quality, low quality:1.4), EasyNegative, bad-hands-5
            Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 2712339585, Size: 512x768, Model hash: \
            6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.5, Clip skip: 2, ENSD: 31337, \
            Hires upscale: 2, Hires steps: 15, Hires upscaler: Latent, TI hashes: "EasyNegative: c74b4e810b03, \
            bad-hands-5: aa7651be154c", Version: v1.6.0""";

    private static final String SDXL_MULTILINE = """
            ink wash painting of a grey heron,
            standing in a misty river at dawn <lora:inkwash_texture_v3:0.7>
            Negative prompt: photo, 3d render,
            watermark
            Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 3735928559, Size: 832x1216, \
            Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Lora hashes: "inkwash_texture_v3: 5d1c0e7a93b2", \
            Emphasis: Original, Version: v1.10.1""";

    private static final String CIVITAI_HASHES = """
            a tabby cat asleep on a windowsill
            Steps: 20, Sampler: Euler a, CFG scale: 7.0, Seed: 1, Size: 512x512, \
            Hashes: {"vae": "c6a580b13a", "model": "e6bb9ea85b"}, Version: v1.7.0""";

    @Test
    void readsAClassicInfotext() {
        A1111Parameters parameters = A1111Parameters.parse(SD15);
        Generation generation = parameters.generation();

        assertEquals("masterpiece, best quality, 1girl, solo, long hair, looking at viewer, smile, outdoors, "
                + "cherry blossoms", generation.prompt());
        assertEquals("(worst quality, low quality:1.4), EasyNegative, bad-hands-5", generation.negativePrompt());
        assertEquals(28, generation.steps());
        assertEquals("DPM++ 2M Karras", generation.sampler());
        assertEquals(7.0, generation.cfgScale());
        assertEquals(new BigInteger("2712339585"), generation.seed());
        assertEquals(512, generation.width());
        assertEquals(768, generation.height());
        assertEquals(0.5, generation.denoise());
        assertEquals("v1-5-pruned-emaonly", parameters.modelName());
        assertEquals(new ModelHash("6ce0161689", ModelHash.Kind.A1111_SHORTHASH), parameters.modelHash());
        assertEquals(List.of("Clip skip", "ENSD", "Hires upscale", "Hires steps", "Hires upscaler", "TI hashes",
                "Version"), names(generation.extra()));
        assertEquals("EasyNegative: c74b4e810b03, bad-hands-5: aa7651be154c",
                generation.extra().get("TI hashes").textValue());
        assertEquals("2", generation.extra().get("Clip skip").textValue());
        assertEquals(List.of(), parameters.warnings());
    }

    @Test
    void readsMultiLinePromptsAndTheScheduleType() {
        A1111Parameters parameters = A1111Parameters.parse(SDXL_MULTILINE);
        Generation generation = parameters.generation();

        assertEquals("ink wash painting of a grey heron,\nstanding in a misty river at dawn "
                + "<lora:inkwash_texture_v3:0.7>", generation.prompt());
        assertEquals("photo, 3d render,\nwatermark", generation.negativePrompt());
        assertEquals("DPM++ 2M", generation.sampler());
        assertEquals("Karras", generation.scheduler());
        assertEquals("inkwash_texture_v3: 5d1c0e7a93b2", generation.extra().get("Lora hashes").textValue());
        assertEquals(Optional.of(new Model("sd_xl_base_1.0", null,
                new ModelHash("31e35c80fc", ModelHash.Kind.A1111_SHORTHASH), null)), parameters.model());
    }

    @Test
    void readsWindowsLineEndings() {
        assertEquals(A1111Parameters.parse(SDXL_MULTILINE),
                A1111Parameters.parse(SDXL_MULTILINE.replace("\n", "\r\n")));
    }

    @Test
    void takesTheModelHashFromCivitaiHashesWhenNoModelHashIsGiven() {
        A1111Parameters parameters = A1111Parameters.parse(CIVITAI_HASHES);

        assertEquals(new ModelHash("e6bb9ea85b", ModelHash.Kind.A1111_SHORTHASH), parameters.modelHash());
        assertNull(parameters.modelName());
        assertEquals(Optional.empty(), parameters.model());
        assertEquals("c6a580b13a", parameters.generation().extra().at("/Hashes/vae").textValue());
        assertEquals("v1.7.0", parameters.generation().extra().get("Version").textValue());
    }

    @Test
    void unquotesJsonQuotedValues() {
        A1111Parameters parameters = A1111Parameters.parse(
                "p\nSteps: 20, Template: \"a \\\"quoted\\\" word, with comma: and colon\\nnext\", Seed: 5, Size: 64x64");

        assertEquals("a \"quoted\" word, with comma: and colon\nnext",
                parameters.generation().extra().get("Template").textValue());
        assertEquals(BigInteger.valueOf(5), parameters.generation().seed());
        assertEquals(64, parameters.generation().width());
    }

    @Test
    void aLastLineWithFewerThanThreePairsIsPartOfThePrompt() {
        A1111Parameters parameters = A1111Parameters.parse("portrait of a knight\nstyle: oil painting, mood: dark");

        assertEquals("portrait of a knight\nstyle: oil painting, mood: dark", parameters.generation().prompt());
        assertNull(parameters.generation().extra());
        assertNull(parameters.generation().steps());
    }

    @Test
    void aPromptAloneIsJustAPrompt() {
        A1111Parameters parameters = A1111Parameters.parse("a lighthouse in a storm, dramatic lighting");

        assertEquals(new Generation("a lighthouse in a storm, dramatic lighting", null, null, null, null, null,
                null, null, null, null, null, null), parameters.generation());
    }

    @Test
    void settingsWithoutAPromptGiveNoPrompt() {
        A1111Parameters parameters = A1111Parameters.parse("Steps: 20, Sampler: Euler, Seed: 7");

        assertNull(parameters.generation().prompt());
        assertEquals(20, parameters.generation().steps());
    }

    @Test
    void keepsInvalidValuesInExtraAndWarns() {
        A1111Parameters parameters = A1111Parameters.parse("p\nSteps: many, Sampler: Euler, CFG scale: -3, "
                + "Seed: -1, Size: 512 by 512, Model hash: e6bb9ea8, Denoising strength: 1.5");
        Generation generation = parameters.generation();

        assertNull(generation.steps());
        assertNull(generation.seed());
        assertNull(parameters.modelHash());
        assertEquals("Euler", generation.sampler());
        assertEquals(List.of("Steps", "CFG scale", "Seed", "Size", "Model hash", "Denoising strength"),
                names(generation.extra()));
        assertEquals("e6bb9ea8", generation.extra().get("Model hash").textValue());
        assertEquals("Steps: \"many\" is not a valid value; kept in generation.extra", parameters.warnings().get(0));
        assertEquals(6, parameters.warnings().size());
    }

    @Test
    void dropsWhatExceedsTheLimitsOfExtra() {
        String settings = IntStream.range(0, 300).mapToObj(i -> "Key " + i + ": " + i).collect(Collectors.joining(", "));
        A1111Parameters parameters = A1111Parameters.parse("p\n" + settings);

        assertEquals(ProvenanceLimits.MAX_EXTRA_ENTRIES, parameters.generation().extra().size());
        assertEquals(44, parameters.warnings().size());
        assertEquals("Key 256: dropped, it exceeds the limits of generation.extra", parameters.warnings().get(0));
    }

    @Test
    void refusesWhatIsNotInfotext() {
        assertEquals("empty infotext", assertThrows(ProvenanceException.class,
                () -> A1111Parameters.parse(" \n ")).getMessage());
        assertEquals("empty infotext", assertThrows(ProvenanceException.class,
                () -> A1111Parameters.parse(null)).getMessage());
        assertTrue(assertThrows(ProvenanceException.class,
                () -> A1111Parameters.parse("{\"prompt\": {\"3\": {\"class_type\": \"KSampler\"}}}"))
                .getMessage().startsWith("not AUTOMATIC1111 infotext: it is JSON"));
        assertThrows(ProvenanceException.class,
                () -> A1111Parameters.parse("a".repeat(ProvenanceLimits.MAX_DOCUMENT_BYTES + 1)));
    }

    @Test
    void staysFastOnLongLinesWithoutStructure() {
        String noColon = "word ".repeat(200_000);
        String noComma = "Key: " + "x".repeat(500_000);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            A1111Parameters.parse("p\n" + noColon);
            A1111Parameters.parse("p\n" + noComma + ", a: 1, b: 2");
        });
    }

    @Test
    void alwaysYieldsAValidDocumentWhateverTheInput() {
        String[] pieces = {"Steps", "Seed", "Size", "CFG scale", "Model hash", "Model", "Hashes", "Negative prompt:",
                ": ", ", ", "\n", "\"", "\\", "{", "}", "[", "]", "x", "512x768", "0", "-1", "1.5", "e6bb9ea85b",
                "\ud83e", "\udeb6", "é", " ", "\"a, b\"", "{\"model\": \"e6bb9ea85b\"}", "Denoising strength"};
        Random random = new Random(20261117);
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder("x");
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            A1111Parameters parameters = A1111Parameters.parse(text.toString());
            ProvenanceDocument document = new ProvenanceDocument(Creator.of("h"),
                    parameters.model().orElse(Model.of("m")), parameters.generation(), null, null);

            assertEquals(document, ProvenanceParser.parse(document.toJson()), text.toString());
        }
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }
}
