package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The addressable fields of a provenance document, in schema order, and the conversion between a document and
 * its fields. Fields are the declared leaves: scalar properties, whole arrays, and {@code generation.extra} as
 * one field. This is what selective disclosure works on: each field is revealed or withheld as a unit.
 */
public final class ProvenanceSchema {

    private static final List<ProvenanceField> FIELDS = List.of(
            identity("creator.handle", FieldType.TEXT,
                    "The model creator's handle on the marketplace or service."),
            field("creator.displayName", FieldType.TEXT, "The model creator's display name."),
            field("creator.url", FieldType.URL, "The model creator's profile or home page."),
            identity("model.name", FieldType.TEXT, "The name of the model that generated the image."),
            field("model.version", FieldType.TEXT, "The model's version label."),
            field("model.hash", FieldType.HASH, "Hash of the model's weights file (SHA-256 or A1111 short hash)."),
            field("model.url", FieldType.URL, "The model's page."),
            field("generation.prompt", FieldType.TEXT, "The text prompt."),
            field("generation.negativePrompt", FieldType.TEXT, "The negative prompt."),
            field("generation.seed", FieldType.INTEGER, "The random seed, 0 to 2^64 - 1."),
            field("generation.steps", FieldType.INTEGER, "Sampling steps."),
            field("generation.sampler", FieldType.TEXT, "The sampler, e.g. DPM++ 2M."),
            field("generation.scheduler", FieldType.TEXT, "The noise schedule, e.g. Karras."),
            field("generation.cfgScale", FieldType.NUMBER, "Classifier-free guidance scale."),
            field("generation.width", FieldType.INTEGER, "Image width in pixels."),
            field("generation.height", FieldType.INTEGER, "Image height in pixels."),
            field("generation.denoise", FieldType.NUMBER, "Denoising strength, 0 to 1 (img2img, hires fix)."),
            field("generation.promptAuthor", FieldType.TEXT, "Who wrote the prompt."),
            field("generation.extra", FieldType.OBJECT, "Further generation parameters as free JSON."),
            field("lineage.baseModels", FieldType.LIST, "The models this model was trained or fine-tuned from."),
            field("lineage.merges", FieldType.LIST, "The models merged into this one, with their ratios."),
            field("lineage.adapters", FieldType.LIST, "LoRAs, embeddings, ControlNets and other adapters."),
            field("lineage.datasets", FieldType.LIST, "Training or fine-tuning datasets."),
            field("lineage.fineTuning.method", FieldType.TEXT, "How the model was fine-tuned."),
            field("lineage.fineTuning.notes", FieldType.TEXT, "Notes on the fine-tuning."),
            field("lineage.safetyValidation.method", FieldType.TEXT, "How the model was checked for unsafe output."),
            field("lineage.safetyValidation.result", FieldType.TEXT, "What that check found."),
            field("lineage.credits", FieldType.LIST, "Other people credited for their contributions."),
            field("usage.license", FieldType.TEXT, "The licence of the model, name or SPDX identifier."),
            field("usage.url", FieldType.URL, "The licence or terms of use."),
            field("usage.permitted", FieldType.LIST, "Uses the creator explicitly allows."),
            field("usage.prohibited", FieldType.LIST, "Uses the creator explicitly forbids."),
            field("usage.attribution", FieldType.TEXT, "How the creator asks to be credited."));

    private static final Map<String, ProvenanceField> BY_PATH = FIELDS.stream()
            .collect(Collectors.toUnmodifiableMap(ProvenanceField::path, Function.identity()));

    private ProvenanceSchema() {
    }

    /** Every declared field, in schema order. */
    public static List<ProvenanceField> declaredFields() {
        return FIELDS;
    }

    /** Every declared path, in schema order. */
    public static List<String> paths() {
        return FIELDS.stream().map(ProvenanceField::path).toList();
    }

    /** The paths of the fields that are always public: {@code creator.handle}, {@code model.name}. */
    public static List<String> identityPaths() {
        return FIELDS.stream().filter(ProvenanceField::identity).map(ProvenanceField::path).toList();
    }

    public static boolean isField(String path) {
        return path != null && BY_PATH.containsKey(path);
    }

    public static Optional<ProvenanceField> field(String path) {
        return Optional.ofNullable(path == null ? null : BY_PATH.get(path));
    }

    /**
     * The fields present in {@code document}, path to canonical value (as in {@link ProvenanceDocument#toJson()}),
     * in schema order. The values are fresh nodes the caller may keep.
     */
    public static Map<String, JsonNode> fields(ProvenanceDocument document) {
        ObjectNode json = document.toJson();
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (ProvenanceField field : FIELDS) {
            JsonNode value = json;
            for (String segment : field.segments()) {
                value = value.path(segment);
            }
            if (!value.isMissingNode()) {
                fields.put(field.path(), value);
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /**
     * The JSON document made of the given fields, members in schema order; {@code null} values are skipped. Only
     * paths are checked here; {@link ProvenanceParser#parse(JsonNode)} checks the values.
     *
     * @throws ProvenanceException naming every path that is not a declared field
     */
    public static ObjectNode assemble(Map<String, ? extends JsonNode> fields) {
        Problems problems = new Problems();
        for (String path : fields.keySet()) {
            if (!isField(path)) {
                problems.add("", "not a declared field path: " + (path == null ? "null" : Describe.quoted(path)));
            }
        }
        problems.throwIfAny();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (ProvenanceField field : FIELDS) {
            JsonNode value = fields.get(field.path());
            if (value == null || value.isNull() || value.isMissingNode()) {
                continue;
            }
            List<String> segments = field.segments();
            ObjectNode parent = root;
            for (String segment : segments.subList(0, segments.size() - 1)) {
                parent = parent.has(segment) ? (ObjectNode) parent.get(segment) : parent.putObject(segment);
            }
            parent.set(segments.get(segments.size() - 1), value.deepCopy());
        }
        return root;
    }

    private static ProvenanceField field(String path, FieldType type, String description) {
        return new ProvenanceField(path, type, false, description);
    }

    private static ProvenanceField identity(String path, FieldType type, String description) {
        return new ProvenanceField(path, type, true, description);
    }
}
