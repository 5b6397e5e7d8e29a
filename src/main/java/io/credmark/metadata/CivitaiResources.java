package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Civitai's resource list, as its generator appends it to infotext: {@code Civitai resources: [{"type":
 * "checkpoint", "modelVersionId": 128078, "modelName": "…", "modelVersionName": "…"}, {"type": "lora", "weight":
 * 0.8, …}]}, and AIR URNs ({@code urn:air:sdxl:lora:civitai:328553@368189}, Civitai's AI Resource names) wherever
 * an entry carries one. The checkpoint gives {@code model.version} and {@code model.url}; LoRAs and embeddings
 * become adapters.
 */
final class CivitaiResources {

    /** {@code urn:air:{ecosystem}:{type}:{source}:{id}[@{version}]}. */
    static final Pattern AIR = Pattern.compile(
            "urn:air:([a-z0-9_.-]{1,40}):([a-z_]{1,40}):([a-z0-9_-]{1,40}):([0-9A-Za-z_.-]{1,80})(?:@([0-9A-Za-z_.-]{1,80}))?");
    private static final int MAX_ENTRIES = 200;

    private CivitaiResources() {
    }

    static void read(JsonNode resources, Found found) {
        if (!resources.isArray()) {
            found.drop("Civitai resources", "expected a JSON list of resources");
            return;
        }
        int n = 0;
        for (JsonNode r : resources) {
            if (++n > MAX_ENTRIES) {
                found.drop("Civitai resources", "more than " + MAX_ENTRIES + " entries; the rest were not read");
                return;
            }
            Optional<Air> air = Air.parse(r.path("air").asText(""));
            String type = r.path("type").asText(air.map(Air::type).orElse("")).toLowerCase(Locale.ROOT);
            String name = r.path("modelName").asText(null);
            Optional<String> url = air.flatMap(Air::civitaiUrl).or(() -> civitaiUrl(r));
            switch (type) {
                case "checkpoint", "model" -> {
                    found.text("model.version", r.path("modelVersionName").asText(null));
                    url.ifPresent(u -> found.text("model.url", u));
                }
                case "lora", "locon", "lycoris", "dora" -> found.adapter(type.equals("lora") || type.equals("dora")
                        ? "lora" : "lycoris", name, r.path("weight"), null);
                case "embed", "embedding", "textualinversion" -> found.adapter("embedding", name, r.path("weight"),
                        null);
                default -> found.drop("Civitai resources", "a resource of type \"" + type + "\" has no field");
            }
        }
    }

    private static Optional<String> civitaiUrl(JsonNode r) {
        if (r.path("modelId").canConvertToLong() && r.path("modelVersionId").canConvertToLong()) {
            return Optional.of("https://civitai.com/models/" + r.get("modelId").asLong() + "?modelVersionId="
                    + r.get("modelVersionId").asLong());
        }
        return Optional.empty();
    }

    /** One AIR: what kind of resource, and where it lives. */
    record Air(String ecosystem, String type, String source, String id, String version) {

        static Optional<Air> parse(String text) {
            Matcher m = AIR.matcher(text);
            return m.find() ? Optional.of(new Air(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)))
                    : Optional.empty();
        }

        /** The model page, for resources hosted on Civitai. */
        Optional<String> civitaiUrl() {
            if (!source.equals("civitai") || !id.matches("[0-9]+")) {
                return Optional.empty();
            }
            return Optional.of("https://civitai.com/models/" + id
                    + (version != null && version.matches("[0-9]+") ? "?modelVersionId=" + version : ""));
        }
    }
}
