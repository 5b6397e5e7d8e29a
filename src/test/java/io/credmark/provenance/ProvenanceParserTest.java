package io.credmark.provenance;

import static io.credmark.provenance.TestDocuments.json;
import static io.credmark.provenance.TestDocuments.minimalWith;
import static io.credmark.provenance.TestDocuments.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceParserTest {

    @Test
    void readsTheMinimalDocument() {
        ProvenanceDocument document = ProvenanceParser.parse(TestDocuments.bytes(TestDocuments.MINIMAL));

        assertEquals(new ProvenanceDocument(Creator.of("mirelle.ink"), Model.of("Inkwash XL")), document);
        assertTrue(document.generation().isEmpty());
        assertTrue(document.lineage().isEmpty());
        assertTrue(document.usage().isEmpty());
    }

    @Test
    void readsTheExampleDocument() {
        ProvenanceDocument document = TestDocuments.example();

        assertEquals("Mirelle Okafor", document.creator().displayName());
        assertEquals(new ModelHash("9f2c4a7e1b3d5c6f8a0b2d4e6f8091a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5",
                ModelHash.Kind.SHA256), document.model().hash());
        Generation generation = document.generation();
        assertEquals(BigInteger.valueOf(3735928559L), generation.seed());
        assertEquals(30, generation.steps());
        assertEquals(6.5, generation.cfgScale());
        assertEquals(0.45, generation.denoise());
        assertEquals("4x-UltraSharp", generation.extra().get("Hires upscaler").textValue());
        Lineage lineage = document.lineage();
        assertEquals(new ModelHash("31e35c80fc", ModelHash.Kind.A1111_SHORTHASH), lineage.baseModels().get(0).hash());
        assertEquals(ModelReference.named("Sumi Strokes XL v1.3"), lineage.merges().get(1).model());
        assertEquals(0.4, lineage.merges().get(1).weight());
        assertEquals(List.of(AdapterKind.LORA, AdapterKind.EMBEDDING),
                lineage.adapters().stream().map(Adapter::kind).toList());
        assertEquals("CC-BY-4.0", lineage.datasets().get(0).license());
        assertEquals("kenji.w", lineage.credits().get(1).handle());
        assertEquals(3, document.usage().prohibited().size());
    }

    @Test
    void nullMembersCountAsAbsent() {
        ProvenanceDocument document = parse(json(
                "{'creator':{'handle':'h','url':null},'model':{'name':'m','hash':null},'generation':null}"));

        assertEquals(new ProvenanceDocument(Creator.of("h"), Model.of("m")), document);
    }

    @Test
    void emptyArraysAndObjectsCountAsAbsent() {
        ProvenanceDocument document = parse(minimalWith(json(
                "'generation':{'extra':{}},'lineage':{'adapters':[],'fineTuning':{}},'usage':{'permitted':[]}")));

        assertEquals(new ProvenanceDocument(Creator.of("h"), Model.of("m")), document);
    }

    @Test
    void seedsCoverTheUnsignedSixtyFourBitRangeAndMayBeGivenAsDigitStrings() {
        assertEquals(new BigInteger("18446744073709551615"),
                parse(minimalWith("\"generation\":{\"seed\":18446744073709551615}")).generation().seed());
        assertEquals(BigInteger.ZERO, parse(minimalWith("\"generation\":{\"seed\":0}")).generation().seed());
        assertEquals(new BigInteger("9007199254740993"),
                parse(minimalWith("\"generation\":{\"seed\":\"9007199254740993\"}")).generation().seed());
    }

    @Test
    void adapterKindsIgnoreCase() {
        ProvenanceDocument document = parse(minimalWith(json(
                "'lineage':{'adapters':[{'kind':'LoRA','name':'a'},{'kind':'LyCORIS','name':'b'},{'kind':'controlnet','name':'c'}]}")));

        assertEquals(List.of(AdapterKind.LORA, AdapterKind.LYCORIS, AdapterKind.CONTROLNET),
                document.lineage().adapters().stream().map(Adapter::kind).toList());
    }

    @Test
    void baseModelsAcceptNamesReferencesAndRegisteredIds() {
        ProvenanceDocument document = parse(minimalWith(json(
                "'lineage':{'baseModels':['SDXL 1.0',{'name':'Pony Diffusion V6 XL','url':'https://example.org/pony'},"
                        + "{'modelId':'mdl_01HZX3Q9'}]}")));

        List<ModelReference> baseModels = document.lineage().baseModels();
        assertEquals(ModelReference.named("SDXL 1.0"), baseModels.get(0));
        assertEquals("https://example.org/pony", baseModels.get(1).url());
        assertNull(baseModels.get(2).name());
        assertEquals("mdl_01HZX3Q9", baseModels.get(2).modelId());
    }

    @Test
    void urlsMayUseEitherSchemeInAnyCase() {
        ProvenanceDocument document = parse(json(
                "{'creator':{'handle':'h','url':'HTTP://example.org:8080/a?b=c#d'},'model':{'name':'m','url':'https://example.org'}}"));

        assertEquals("HTTP://example.org:8080/a?b=c#d", document.creator().url());
    }

    @Test
    void readsAnAlreadyParsedTree() {
        ProvenanceDocument document = ProvenanceParser.parse(TestDocuments.tree(TestDocuments.minimalWith(
                "\"generation\":{\"steps\":20}")));

        assertEquals(20, document.generation().steps());
    }

    @Test
    void acceptsAByteOrderMark() {
        byte[] body = ("\uFEFF" + minimalWith("\"usage\":{\"license\":\"MIT\"}")).getBytes(StandardCharsets.UTF_8);

        assertEquals("MIT", ProvenanceParser.parse(body).usage().license());
    }

    @Test
    void keepsUnicodeTextAsWritten() {
        String prompt = "水墨画の鷺, 🪶 \"quoted\"\nsecond line";
        ProvenanceDocument document = new ProvenanceDocument(Creator.of("h"), Model.of("m"),
                new Generation(prompt, null, null, null, null, null, null, null, null, null, null, null), null, null);

        assertEquals(prompt, ProvenanceParser.parse(document.toJson()).generation().prompt());
    }
}
