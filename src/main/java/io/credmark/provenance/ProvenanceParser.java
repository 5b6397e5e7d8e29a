package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Reads provenance documents from untrusted JSON. Either returns a valid {@link ProvenanceDocument} or throws
 * a {@link ProvenanceException} listing every problem with its path; messages are our own, never Jackson's.
 *
 * <p>Rules applied throughout: unknown members are rejected; {@code null} counts as absent; an empty array or an
 * object without members is the same as an absent one.
 */
public final class ProvenanceParser {

    private ProvenanceParser() {
    }

    /** Parses a JSON body in UTF-8 (a leading byte order mark is allowed), e.g. a request body. */
    public static ProvenanceDocument parse(byte[] json) {
        return parse(StrictJsonReader.read(json));
    }

    /**
     * Reads request bytes into a JSON tree with the same strict rules as {@link #parse(byte[])} (UTF-8, bounded,
     * no duplicate members, nothing after the document), for documents that wrap provenance parts.
     */
    public static JsonNode readTree(byte[] json) {
        return StrictJsonReader.read(json);
    }

    /**
     * Validates and reads an already parsed tree, e.g. part of a larger request or
     * {@link ProvenanceDocument#toJson()}.
     */
    public static ProvenanceDocument parse(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw ProvenanceException.of("", "empty document: expected a JSON object");
        }
        if (!root.isObject()) {
            throw ProvenanceException.of("", "expected a JSON object at the top level, got " + Describe.value(root));
        }
        Problems problems = new Problems();
        NodeReader document = NodeReader.of(root, "", problems);
        Creator creator = document.requiredObject("creator", ProvenanceParser::creator);
        Model model = document.requiredObject("model", ProvenanceParser::model);
        Generation generation = document.object("generation", ProvenanceParser::generation);
        Lineage lineage = document.object("lineage", ProvenanceParser::lineage);
        Usage usage = document.object("usage", ProvenanceParser::usage);
        document.complete();
        problems.throwIfAny();
        return new ProvenanceDocument(creator, model, generation, lineage, usage);
    }

    private static Creator creator(NodeReader object) {
        String handle = object.requiredText("handle");
        String displayName = object.text("displayName");
        String url = object.url("url");
        return object.complete() ? new Creator(handle, displayName, url) : null;
    }

    private static Model model(NodeReader object) {
        String name = object.requiredText("name");
        String version = object.text("version");
        ModelHash hash = object.hash("hash");
        String url = object.url("url");
        return object.complete() ? new Model(name, version, hash, url) : null;
    }

    private static Generation generation(NodeReader object) {
        Generation generation = new Generation(
                object.text("prompt"),
                object.text("negativePrompt"),
                object.seed("seed"),
                object.positiveInt("steps"),
                object.text("sampler"),
                object.text("scheduler"),
                object.optional("cfgScale", Values::cfgScale),
                object.positiveInt("width"),
                object.positiveInt("height"),
                object.optional("denoise", Values::denoise),
                object.text("promptAuthor"),
                object.freeObject("extra"));
        return object.complete() ? generation : null;
    }

    private static Lineage lineage(NodeReader object) {
        List<ModelReference> baseModels = object.list("baseModels", ProvenanceParser::modelReference);
        List<Merge> merges = object.list("merges", NodeReader.objectReader(ProvenanceParser::merge));
        List<Adapter> adapters = object.list("adapters", NodeReader.objectReader(ProvenanceParser::adapter));
        List<Dataset> datasets = object.list("datasets", NodeReader.objectReader(ProvenanceParser::dataset));
        FineTuning fineTuning = object.object("fineTuning", ProvenanceParser::fineTuning);
        SafetyValidation safetyValidation = object.object("safetyValidation", ProvenanceParser::safetyValidation);
        List<Credit> credits = object.list("credits", NodeReader.objectReader(ProvenanceParser::credit));
        return object.complete()
                ? new Lineage(baseModels, merges, adapters, datasets, fineTuning, safetyValidation, credits)
                : null;
    }

    /** A plain string (the model's name) or an object {@code {name, version, hash, url, modelId}}. */
    private static ModelReference modelReference(JsonNode node, String path, Problems problems) {
        if (node.isTextual()) {
            String name = Values.nonBlankText(node, path, problems);
            return name == null ? null : ModelReference.named(name);
        }
        if (!node.isObject()) {
            problems.add(path, "expected a model name or an object, got " + Describe.value(node));
            return null;
        }
        NodeReader object = NodeReader.of(node, path, problems);
        String name = object.optional("name", Values::nonBlankText);
        String version = object.text("version");
        ModelHash hash = object.hash("hash");
        String url = object.url("url");
        String modelId = object.optional("modelId", Values::modelId);
        if (!node.hasNonNull("name") && !node.hasNonNull("modelId")) {
            problems.add(JsonPaths.member(path, "name"), "missing required field (a name or a modelId)");
        }
        return object.complete() ? new ModelReference(name, version, hash, url, modelId) : null;
    }

    private static Merge merge(NodeReader object) {
        ModelReference model = object.required("model", ProvenanceParser::modelReference);
        Double weight = object.number("weight");
        return object.complete() ? new Merge(model, weight) : null;
    }

    private static Adapter adapter(NodeReader object) {
        AdapterKind kind = object.optional("kind", Values::adapterKind);
        String name = object.requiredText("name");
        Double weight = object.number("weight");
        ModelHash hash = object.hash("hash");
        String creator = object.text("creator");
        return object.complete() ? new Adapter(kind, name, weight, hash, creator) : null;
    }

    private static Dataset dataset(NodeReader object) {
        String name = object.requiredText("name");
        String license = object.text("license");
        String url = object.url("url");
        return object.complete() ? new Dataset(name, license, url) : null;
    }

    private static FineTuning fineTuning(NodeReader object) {
        FineTuning fineTuning = new FineTuning(object.text("method"), object.text("notes"));
        return object.complete() ? fineTuning : null;
    }

    private static SafetyValidation safetyValidation(NodeReader object) {
        SafetyValidation safetyValidation = new SafetyValidation(object.text("method"), object.text("result"));
        return object.complete() ? safetyValidation : null;
    }

    private static Credit credit(NodeReader object) {
        String handle = object.requiredText("handle");
        String role = object.text("role");
        String note = object.text("note");
        return object.complete() ? new Credit(handle, role, note) : null;
    }

    private static Usage usage(NodeReader object) {
        String license = object.text("license");
        String url = object.url("url");
        List<String> permitted = object.list("permitted", Values::text);
        List<String> prohibited = object.list("prohibited", Values::text);
        String attribution = object.text("attribution");
        return object.complete() ? new Usage(license, url, permitted, prohibited, attribution) : null;
    }
}
