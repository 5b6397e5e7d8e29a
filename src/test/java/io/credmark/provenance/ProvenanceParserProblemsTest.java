package io.credmark.provenance;

import static io.credmark.provenance.TestDocuments.json;
import static io.credmark.provenance.TestDocuments.minimalWith;
import static io.credmark.provenance.TestDocuments.problems;
import static io.credmark.provenance.TestDocuments.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProvenanceParserProblemsTest {

    @Test
    void namesThePathTheValueAndCountsTheOtherProblems() {
        ProvenanceException e = rejected(minimalWith(json(
                "'generation':{'seed':'abc','steps':0},'lineage':{'adapters':[{'name':'a'},{'name':'b','weight':'x'}]}")));

        assertEquals("generation.seed: expected an integer, got \"abc\" (and 2 more problems)", e.getMessage());
        assertEquals(List.of(
                new Problem("generation.seed", "expected an integer, got \"abc\""),
                new Problem("generation.steps", "must be at least 1, got 0"),
                new Problem("lineage.adapters[1].weight", "expected a number, got \"x\"")), e.problems());
        assertEquals(3, e.problemCount());
        assertEquals(InvalidInputException.Kind.INVALID_DOCUMENT, e.kind());
    }

    @Test
    void aSingleProblemIsTheWholeMessage() {
        assertEquals("usage.url: expected an absolute http or https URL, got \"ftp://example.org/terms\"",
                rejected(minimalWith(json("'usage':{'url':'ftp://example.org/terms'}"))).getMessage());
    }

    @Test
    void listsTheExpectedNamesForUnknownFields() {
        assertEquals(List.of("lineage.foo: unknown field (expected one of: baseModels, merges, adapters, datasets, "
                        + "fineTuning, safetyValidation, credits)"),
                problems(minimalWith(json("'lineage':{'foo':1}"))));
        assertEquals(List.of("creator.name: unknown field (expected one of: handle, displayName, url)"),
                problems(json("{'creator':{'handle':'h','name':'x'},'model':{'name':'m'}}")));
        assertEquals(List.of("speed: unknown field (expected one of: creator, model, generation, lineage, usage)"),
                problems(minimalWith("\"speed\":1")));
    }

    @Test
    void quotesMemberNamesThatAreNotIdentifiers() {
        assertEquals(List.of("usage[\"terms of use\"]: unknown field (expected one of: license, url, permitted, "
                        + "prohibited, attribution)"),
                problems(minimalWith(json("'usage':{'terms of use':'x'}"))));
    }

    @Test
    void reportsMissingRequiredFields() {
        assertEquals(List.of("creator: missing required field", "model.name: missing required field"),
                problems(json("{'model':{'version':'1'}}")));
        assertEquals(List.of("creator.handle: must not be blank"),
                problems(json("{'creator':{'handle':'  '},'model':{'name':'m'}}")));
        assertEquals(List.of("lineage.merges[0].model: missing required field",
                        "lineage.datasets[0].name: missing required field",
                        "lineage.credits[0].handle: missing required field"),
                problems(minimalWith(json("'lineage':{'merges':[{'weight':0.5}],'datasets':[{'license':'MIT'}],"
                        + "'credits':[{'role':'x'}]}"))));
        assertEquals(List.of("lineage.baseModels[0].name: missing required field (a name or a modelId)"),
                problems(minimalWith(json("'lineage':{'baseModels':[{'version':'1.0'}]}"))));
    }

    @Test
    void reportsWrongTypes() {
        assertEquals(List.of(
                        "creator: expected an object, got \"me\"",
                        "model.name: expected a string, got 42",
                        "generation.cfgScale: expected a number, got true",
                        "generation.width: expected an integer, got 512.5",
                        "generation.extra: expected an object, got an array",
                        "lineage.baseModels[0]: expected a model name or an object, got 7",
                        "lineage.datasets: expected an array, got an object",
                        "usage.permitted[1]: expected a string, got null"),
                problems(json("{'creator':'me','model':{'name':42},"
                        + "'generation':{'cfgScale':true,'width':512.5,'extra':[]},"
                        + "'lineage':{'baseModels':[7],'datasets':{}},'usage':{'permitted':['a',null]}}")));
    }

    @Test
    void checksNumericRanges() {
        assertEquals(List.of(
                        "generation.seed: must be between 0 and 18446744073709551615, got 18446744073709551616",
                        "generation.steps: must be at most 2147483647, got 4294967296",
                        "generation.cfgScale: must not be negative, got -1.0",
                        "generation.height: must be at least 1, got -8",
                        "generation.denoise: must be between 0 and 1, got 1.5"),
                problems(minimalWith(json("'generation':{'seed':18446744073709551616,'steps':4294967296,"
                        + "'cfgScale':-1.0,'height':-8,'denoise':1.5}"))));
        assertEquals(List.of("generation.seed: must be between 0 and 18446744073709551615, got -1"),
                problems(minimalWith("\"generation\":{\"seed\":-1}")));
        assertEquals(List.of("generation.seed: expected an integer, got \"-1\""),
                problems(minimalWith("\"generation\":{\"seed\":\"-1\"}")));
    }

    @Test
    void rejectsNumbersTooLargeForADouble() {
        assertEquals(List.of("lineage.merges[0].weight: number out of range, got Infinity"),
                problems(minimalWith(json("'lineage':{'merges':[{'model':'x','weight':1e400}]}"))));
    }

    @Test
    void acceptsOnlyAbsoluteHttpUrlsWithoutUserInfo() {
        for (String url : List.of("example.org/me", "/relative/path", "mailto:me@example.org", "javascript:alert(1)",
                "https://", "https://exa mple.org", "file:///etc/passwd", "")) {
            assertEquals(List.of("creator.url: expected an absolute http or https URL, got " + Describe.quoted(url)),
                    problems(json("{'creator':{'handle':'h','url':" + TestDocuments.MAPPER.valueToTree(url)
                            + "},'model':{'name':'m'}}")), url);
        }
        assertEquals(List.of("creator.url: URL must not contain user info (\"…@\"), got \"https://civitai.com@evil.example/x\""),
                problems(json("{'creator':{'handle':'h','url':'https://civitai.com@evil.example/x'},'model':{'name':'m'}}")));
    }

    @Test
    void rejectsMalformedHashesNamingTheAcceptedForms() {
        String message = problems(json("{'creator':{'handle':'h'},'model':{'name':'m','hash':'e6bb9ea8'}}")).get(0);

        assertTrue(message.startsWith("model.hash: expected a SHA-256 (64 hex digits, optionally prefixed \"sha256:\"), "
                + "an AUTOMATIC1111/Civitai AutoV2 short hash"), message);
        assertTrue(message.endsWith("got \"e6bb9ea8\""), message);
        assertEquals(List.of("lineage.adapters[0].hash.alg: unknown hash algorithm \"md5\" (expected one of: sha256, "
                        + "a1111-shorthash)"),
                problems(minimalWith(json("'lineage':{'adapters':[{'name':'a','hash':{'alg':'md5','value':'00'}}]}"))));
        assertEquals(List.of("model.hash.value: expected 10 hex digits for a1111-shorthash, got \"abc\""),
                problems(json("{'creator':{'handle':'h'},'model':{'name':'m','hash':{'alg':'a1111-shorthash','value':'abc'}}}")));
    }

    @Test
    void rejectsUnknownAdapterKinds() {
        assertEquals(List.of("lineage.adapters[0].kind: unknown adapter kind \"vae\" (expected one of: lora, lycoris, "
                        + "embedding, hypernetwork, controlnet, other)"),
                problems(minimalWith(json("'lineage':{'adapters':[{'kind':'vae','name':'x'}]}"))));
    }

    @Test
    void rejectsMalformedModelIds() {
        assertEquals(List.of("lineage.baseModels[0].modelId: expected a model id (1 to 128 characters from A-Z a-z "
                        + "0-9 . _ : -, starting with a letter or digit), got \"../etc\""),
                problems(minimalWith(json("'lineage':{'baseModels':[{'modelId':'../etc'}]}"))));
    }

    @Test
    void boundsStringsArraysAndTheFreeObject() {
        String longPrompt = "a".repeat(ProvenanceLimits.MAX_STRING_BYTES - 1) + "é";
        assertEquals(List.of("generation.prompt: is too long: 65537 bytes in UTF-8, at most 65536"),
                problems(minimalWith("\"generation\":{\"prompt\":\"" + longPrompt + "\"}")));

        String manyEntries = "\"x\",".repeat(ProvenanceLimits.MAX_ARRAY_ENTRIES) + "\"x\"";
        assertEquals(List.of("usage.prohibited: has 257 entries, at most 256"),
                problems(minimalWith("\"usage\":{\"prohibited\":[" + manyEntries + "]}")));

        String deep = "{\"a\":".repeat(9) + "1" + "}".repeat(9);
        assertEquals(List.of("generation.extra.a.a.a.a.a.a.a.a: is nested too deeply: generation.extra allows 8 levels "
                        + "of objects and arrays"),
                problems(minimalWith("\"generation\":{\"extra\":" + deep + "}")));

        String wide = "{\"list\":[" + "0,".repeat(255) + "0]}";
        assertEquals(List.of("generation.extra: has 257 entries at all levels together, at most 256"),
                problems(minimalWith("\"generation\":{\"extra\":" + wide + "}")));
    }

    @Test
    void acceptsTheFreeObjectAtItsBounds() {
        String deepest = "{\"a\":".repeat(7) + "[1]" + "}".repeat(7);
        String widest = "{\"list\":[" + "0,".repeat(254) + "0]}";

        TestDocuments.parse(minimalWith("\"generation\":{\"extra\":" + deepest + "}"));
        TestDocuments.parse(minimalWith("\"generation\":{\"extra\":" + widest + "}"));
    }

    @Test
    void rejectsUnpairedSurrogatesWhichCannotBeSigned() {
        assertEquals(List.of("creator.displayName: is not valid Unicode (unpaired surrogate at character 1)"),
                problems(json("{'creator':{'handle':'h','displayName':'a\\ud800b'},'model':{'name':'m'}}")));
    }

    @Test
    void keepsMessagesOnOneLine() {
        String message = rejected(minimalWith("\"generation\":{\"seed\":\"line one\\nline two\"}")).getMessage();

        assertEquals("generation.seed: expected an integer, got \"line one\\nline two\"", message);
        assertFalse(message.contains("\n"));
    }

    @Test
    void shortensLongValuesInMessages() {
        String message = rejected(minimalWith("\"generation\":{\"steps\":\"" + "x".repeat(500) + "\"}")).getMessage();

        assertEquals("generation.steps: expected an integer, got \"" + "x".repeat(40) + "…\"", message);
    }

    @Test
    void rejectsDocumentsThatAreNotJsonObjects() {
        assertEquals("empty document: expected a JSON object",
                assertThrows(ProvenanceException.class, () -> ProvenanceParser.parse(new byte[0])).getMessage());
        assertEquals("empty document: expected a JSON object", rejected(" \n\t ").getMessage());
        assertEquals("expected a JSON object at the top level, got an array", rejected("[1, 2]").getMessage());
        assertEquals("expected a JSON object at the top level, got \"text\"", rejected("\"text\"").getMessage());
        assertEquals("expected a JSON object at the top level, got null", rejected("null").getMessage());
    }

    @Test
    void locatesMalformedJson() {
        assertEquals("malformed JSON at line 2, column 29 near \"}\\n}\"",
                rejected("{\n  \"creator\": {\"handle\": \"h\",}\n}").getMessage());
        assertEquals("malformed JSON: unexpected end of input at line 3, column 1",
                rejected("{\n  \"creator\": {\"handle\": \"h\"\n").getMessage());
        assertEquals("malformed JSON at line 1, column 13 near \"tru}\"", rejected("{\"creator\": tru}").getMessage());
    }

    @Test
    void rejectsContentAfterTheDocument() {
        String document = minimalWith("\"usage\":{}");

        assertEquals("unexpected content after the JSON document at line 1, column 60 near \"xyz\"",
                rejected(document + " xyz").getMessage());
        assertEquals("unexpected content after the JSON document at line 1, column 59 near \"}\"",
                rejected(document + "}").getMessage());
        assertEquals("unexpected content after the JSON document at line 2, column 1 near \"{}\"",
                rejected(document + "\n{}").getMessage());
    }

    @Test
    void rejectsDuplicateMembers() {
        assertEquals(List.of("generation.seed: duplicate field"),
                problems(minimalWith("\"generation\":{\"seed\":1,\"seed\":2}")));
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertEquals("document is not valid UTF-8 (at byte 6)",
                assertThrows(ProvenanceException.class, () -> ProvenanceParser.parse(body)).getMessage());
    }

    @Test
    void boundsDocumentSizeAndNesting() {
        byte[] huge = minimalWith("\"usage\":{\"attribution\":\"" + "a".repeat(ProvenanceLimits.MAX_DOCUMENT_BYTES)
                + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals("document too large: " + huge.length + " bytes, at most 1048576",
                assertThrows(ProvenanceException.class, () -> ProvenanceParser.parse(huge)).getMessage());

        String deep = minimalWith("\"generation\":{\"extra\":" + "[".repeat(40) + "]".repeat(40) + "}");
        String message = rejected(deep).getMessage();
        assertTrue(message.startsWith("generation.extra[0][0]"), message);
        assertTrue(message.endsWith("JSON nested deeper than 32 levels at line 1, column 100"), message);

        assertEquals("document exceeds a limit at line 1, column 209: number with too many digits",
                rejected("{\"x\": 1" + "0".repeat(200) + "}").getMessage());
    }

    @Test
    void keepsAtMostAHundredProblemsButCountsAll() {
        String manyUnknown = IntStream.range(0, 150)
                .mapToObj(i -> "\"unknown" + i + "\":" + i).reduce((a, b) -> a + "," + b).orElseThrow();
        ProvenanceException e = rejected(minimalWith(manyUnknown));

        assertEquals(ProvenanceLimits.MAX_REPORTED_PROBLEMS, e.problems().size());
        assertEquals(150, e.problemCount());
        assertTrue(e.getMessage().endsWith("(and 149 more problems)"), e.getMessage());
    }
}
