package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * InvokeAI's {@code invokeai_metadata} chunk (the core_metadata node's output, InvokeAI 3 to 5): {@code
 * positive_prompt}, {@code negative_prompt}, {@code seed}, {@code steps}, {@code cfg_scale}, {@code scheduler},
 * {@code width}, {@code height}, {@code strength} (image-to-image), {@code model} {@code {name, hash, base}} and
 * {@code loras} {@code [{model: {name, hash}, weight}]}. InvokeAI 4 and later label model hashes {@code blake3:…},
 * which become {@code model.hash} and adapter hashes as BLAKE3; InvokeAI 3's {@code {model_name, base_model}}
 * objects are read too.
 */
final class InvokeAiImport {

    static final String GENERATOR = "InvokeAI";

    private InvokeAiImport() {
    }

    static boolean isMetadata(JsonNode json) {
        return json.isObject() && (json.has("positive_prompt") || json.has("generation_mode"))
                && (json.has("model") || json.has("steps"));
    }

    static Found read(JsonNode m, GeneratorText text) {
        Found found = new Found(GENERATOR, text.source());
        text(found, "generation.prompt", m.get("positive_prompt"));
        text(found, "generation.negativePrompt", m.get("negative_prompt"));
        found.number("generation.seed", m.get("seed"));
        found.number("generation.steps", m.get("steps"));
        found.number("generation.cfgScale", m.get("cfg_scale"));
        // InvokeAI's scheduler names a sampler and its noise schedule at once, e.g. dpmpp_2m_k
        text(found, "generation.sampler", m.get("scheduler"));
        found.number("generation.width", m.get("width"));
        found.number("generation.height", m.get("height"));
        if (m.path("generation_mode").asText("").contains("img2img") || m.has("strength")) {
            found.number("generation.denoise", m.get("strength"));
        }
        JsonNode model = m.path("model");
        text(found, "model.name", model.has("name") ? model.get("name") : model.get("model_name"));
        hash(found, model.get("hash")).ifPresent(h -> found.text("model.hash", h));
        for (JsonNode lora : m.path("loras")) {
            JsonNode lm = lora.has("model") ? lora.get("model") : lora.path("lora");
            String name = lm.has("name") ? lm.path("name").asText(null) : lm.path("model_name").asText(null);
            found.adapter("lora", name, lora.get("weight"), hash(found, lm.get("hash")).orElse(null));
        }
        for (String key : new String[] {"generation_mode", "app_version", "cfg_rescale_multiplier",
                "positive_style_prompt", "negative_style_prompt"}) {
            JsonNode v = m.get(key);
            if (v != null && v.isValueNode() && !v.asText().isEmpty()) {
                found.extra.set(key, v);
            }
        }
        return found.done();
    }

    private static void text(Found found, String path, JsonNode value) {
        if (value != null && value.isTextual()) {
            found.text(path, value.textValue());
        }
    }

    /** A hash credmark can record (blake3:…, sha256, A1111 short hash); others are dropped with the reason. */
    private static java.util.Optional<String> hash(Found found, JsonNode value) {
        if (value == null || !value.isTextual()) {
            return java.util.Optional.empty();
        }
        if (io.credmark.provenance.ModelHash.parse(value.textValue()).isPresent()) {
            return java.util.Optional.of(value.textValue());
        }
        found.drop("model.hash", "\"" + value.textValue() + "\" is not a hash credmark records (BLAKE3,"
                + " SHA-256 or A1111 short hash)");
        return java.util.Optional.empty();
    }
}
