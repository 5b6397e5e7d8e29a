package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/** Writes a {@link ProvenanceDocument} as its canonical JSON tree (see {@link ProvenanceDocument#toJson()}). */
final class CanonicalJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalJson() {
    }

    static ObjectNode write(ProvenanceDocument document) {
        ObjectNode root = NODES.objectNode();
        root.set("creator", creator(document.creator()));
        root.set("model", model(document.model()));
        putUnlessEmpty(root, "generation", generation(document.generation()));
        putUnlessEmpty(root, "lineage", lineage(document.lineage()));
        putUnlessEmpty(root, "usage", usage(document.usage()));
        return root;
    }

    static ObjectNode hash(ModelHash hash) {
        ObjectNode node = NODES.objectNode();
        node.put("alg", hash.alg());
        node.put("value", hash.value());
        return node;
    }

    private static ObjectNode creator(Creator creator) {
        ObjectNode node = NODES.objectNode();
        put(node, "handle", creator.handle());
        put(node, "displayName", creator.displayName());
        put(node, "url", creator.url());
        return node;
    }

    private static ObjectNode model(Model model) {
        ObjectNode node = NODES.objectNode();
        put(node, "name", model.name());
        put(node, "version", model.version());
        put(node, "hash", model.hash());
        put(node, "url", model.url());
        return node;
    }

    private static ObjectNode generation(Generation generation) {
        ObjectNode node = NODES.objectNode();
        put(node, "prompt", generation.prompt());
        put(node, "negativePrompt", generation.negativePrompt());
        if (generation.seed() != null) {
            node.set("seed", FreeJson.integer(generation.seed()));
        }
        put(node, "steps", generation.steps());
        put(node, "sampler", generation.sampler());
        put(node, "scheduler", generation.scheduler());
        put(node, "cfgScale", generation.cfgScale());
        put(node, "width", generation.width());
        put(node, "height", generation.height());
        put(node, "denoise", generation.denoise());
        put(node, "promptAuthor", generation.promptAuthor());
        if (generation.extra() != null) {
            node.set("extra", generation.extra());
        }
        return node;
    }

    private static ObjectNode lineage(Lineage lineage) {
        ObjectNode node = NODES.objectNode();
        putList(node, "baseModels", lineage.baseModels(), CanonicalJson::modelReference);
        putList(node, "merges", lineage.merges(), CanonicalJson::merge);
        putList(node, "adapters", lineage.adapters(), CanonicalJson::adapter);
        putList(node, "datasets", lineage.datasets(), CanonicalJson::dataset);
        ObjectNode fineTuning = NODES.objectNode();
        put(fineTuning, "method", lineage.fineTuning().method());
        put(fineTuning, "notes", lineage.fineTuning().notes());
        putUnlessEmpty(node, "fineTuning", fineTuning);
        ObjectNode safetyValidation = NODES.objectNode();
        put(safetyValidation, "method", lineage.safetyValidation().method());
        put(safetyValidation, "result", lineage.safetyValidation().result());
        putUnlessEmpty(node, "safetyValidation", safetyValidation);
        putList(node, "credits", lineage.credits(), CanonicalJson::credit);
        return node;
    }

    private static ObjectNode modelReference(ModelReference reference) {
        ObjectNode node = NODES.objectNode();
        put(node, "name", reference.name());
        put(node, "version", reference.version());
        put(node, "hash", reference.hash());
        put(node, "url", reference.url());
        put(node, "modelId", reference.modelId());
        return node;
    }

    private static ObjectNode merge(Merge merge) {
        ObjectNode node = NODES.objectNode();
        node.set("model", modelReference(merge.model()));
        put(node, "weight", merge.weight());
        return node;
    }

    private static ObjectNode adapter(Adapter adapter) {
        ObjectNode node = NODES.objectNode();
        if (adapter.kind() != null) {
            node.put("kind", adapter.kind().jsonName());
        }
        put(node, "name", adapter.name());
        put(node, "weight", adapter.weight());
        put(node, "hash", adapter.hash());
        put(node, "creator", adapter.creator());
        return node;
    }

    private static ObjectNode dataset(Dataset dataset) {
        ObjectNode node = NODES.objectNode();
        put(node, "name", dataset.name());
        put(node, "license", dataset.license());
        put(node, "url", dataset.url());
        return node;
    }

    private static ObjectNode credit(Credit credit) {
        ObjectNode node = NODES.objectNode();
        put(node, "handle", credit.handle());
        put(node, "role", credit.role());
        put(node, "note", credit.note());
        return node;
    }

    private static ObjectNode usage(Usage usage) {
        ObjectNode node = NODES.objectNode();
        put(node, "license", usage.license());
        put(node, "url", usage.url());
        putList(node, "permitted", usage.permitted(), NODES::textNode);
        putList(node, "prohibited", usage.prohibited(), NODES::textNode);
        put(node, "attribution", usage.attribution());
        return node;
    }

    private static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void put(ObjectNode node, String name, Integer value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void put(ObjectNode node, String name, Double value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void put(ObjectNode node, String name, ModelHash value) {
        if (value != null) {
            node.set(name, hash(value));
        }
    }

    private static <T> void putList(ObjectNode node, String name, List<T> values,
            Function<T, ? extends JsonNode> write) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(name);
            values.forEach(value -> array.add(write.apply(value)));
        }
    }

    private static void putUnlessEmpty(ObjectNode parent, String name, ObjectNode section) {
        if (!section.isEmpty()) {
            parent.set(name, section);
        }
    }
}
