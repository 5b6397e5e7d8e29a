package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lineage of a credential's model drawn as a chain, from what it was trained on to the image: datasets, base
 * models, merges, fine-tuning, the model itself, the adapters it ran with, the image. Only what the view holds is
 * shown (a hidden field is simply not a link of the chain). Every value is escaped.
 */
final class LineageChain {

    private LineageChain() {
    }

    /** A section with the chain, or nothing when the view holds no lineage. */
    static void section(Html h, JsonNode provenance) {
        JsonNode lineage = provenance.path("lineage");
        if (!lineage.isObject() || lineage.isEmpty()) {
            return;
        }
        h.markup("<section><h2>Where the model comes from</h2><ol class=\"chain\" aria-label=\"Lineage, from the"
                + " training data to this image\">");
        step(h, "Trained on", entries(lineage.path("datasets"), LineageChain::dataset), false);
        step(h, lineage.path("baseModels").size() > 1 ? "Base models" : "Base model",
                entries(lineage.path("baseModels"), LineageChain::modelRef), false);
        step(h, "Merged from", entries(lineage.path("merges"), m -> modelRef(m.path("model"))
                + (m.has("weight") ? " × " + m.get("weight").asText() : "")), false);
        if (lineage.path("fineTuning").path("method").isTextual()) {
            step(h, "Fine-tuned", List.of(lineage.path("fineTuning").path("method").asText()), false);
        }
        JsonNode model = provenance.path("model");
        String name = model.path("name").asText() + (model.has("version") ? " " + model.get("version").asText() : "");
        step(h, "This model", List.of(name + " by " + provenance.path("creator").path("handle").asText()), true);
        step(h, "With adapters", entries(lineage.path("adapters"), LineageChain::adapter), false);
        step(h, "This image", List.of("Generated with the model above"), false);
        h.markup("</ol>");
        List<String> credits = entries(lineage.path("credits"), c -> c.path("handle").asText()
                + (c.has("role") ? " (" + c.get("role").asText() + ")" : ""));
        if (!credits.isEmpty()) {
            h.markup("<p>Also credited: ").text(String.join(", ", credits)).markup("</p>");
        }
        h.markup("</section>");
    }

    private static void step(Html h, String title, List<String> items, boolean self) {
        if (items.isEmpty()) {
            return;
        }
        h.markup(self ? "<li class=\"this\">" : "<li>").markup("<span class=\"step\">").text(title)
                .markup("</span>");
        if (items.size() == 1) {
            h.text(items.get(0));
        } else {
            h.markup("<ul>");
            items.forEach(i -> h.element("li", i));
            h.markup("</ul>");
        }
        h.markup("</li>");
    }

    private static List<String> entries(JsonNode array, java.util.function.Function<JsonNode, String> text) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(e -> out.add(text.apply(e)));
        }
        return out;
    }

    static String modelRef(JsonNode ref) {
        if (ref.isTextual()) {
            return ref.asText();
        }
        String name = ref.hasNonNull("name") ? ref.get("name").asText() : ref.path("modelId").asText("a model");
        return name + (ref.hasNonNull("version") ? " " + ref.get("version").asText() : "");
    }

    private static String dataset(JsonNode d) {
        return d.path("name").asText() + (d.hasNonNull("license") ? " (" + d.get("license").asText() + ")" : "");
    }

    private static String adapter(JsonNode a) {
        List<String> about = new ArrayList<>();
        if (a.hasNonNull("kind")) {
            String kind = a.get("kind").asText().toLowerCase(Locale.ROOT);
            about.add(kind.equals("lora") ? "LoRA" : kind);
        }
        if (a.hasNonNull("weight")) {
            about.add("weight " + a.get("weight").asText());
        }
        if (a.hasNonNull("creator")) {
            about.add("by " + a.get("creator").asText());
        }
        return a.path("name").asText() + (about.isEmpty() ? "" : " (" + String.join(", ", about) + ")");
    }
}
