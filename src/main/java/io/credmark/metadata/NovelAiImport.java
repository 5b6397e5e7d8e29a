package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * NovelAI's {@code Comment} chunk: the generation request as JSON ({@code prompt}, {@code uc} the negative
 * prompt, {@code steps}, {@code scale}, {@code seed}, {@code sampler}, {@code noise_schedule}, {@code width},
 * {@code height}, {@code strength} for image-to-image), next to {@code Software: NovelAI} and {@code Source} (the
 * model, e.g. {@code NovelAI Diffusion V4 4F6D7A4A}).
 */
final class NovelAiImport {

    static final String GENERATOR = "NovelAI";

    private NovelAiImport() {
    }

    static boolean isComment(JsonNode json) {
        return json.isObject() && json.has("prompt") && (json.has("uc") || json.has("noise_schedule")
                || json.has("n_samples"));
    }

    static Found read(JsonNode c, GeneratorText text, String modelSource) {
        Found found = new Found(GENERATOR, text.source());
        text(found, "generation.prompt", c.get("prompt"));
        text(found, "generation.negativePrompt", c.get("uc"));
        found.number("generation.seed", c.get("seed"));
        found.number("generation.steps", c.get("steps"));
        found.number("generation.cfgScale", c.get("scale"));
        text(found, "generation.sampler", c.get("sampler"));
        text(found, "generation.scheduler", c.get("noise_schedule"));
        found.number("generation.width", c.get("width"));
        found.number("generation.height", c.get("height"));
        if (c.has("strength") && c.path("request_type").asText("").contains("Img2Img")) {
            found.number("generation.denoise", c.get("strength"));
        }
        found.text("model.name", modelSource);
        for (String key : new String[] {"cfg_rescale", "uncond_scale", "sm", "sm_dyn", "request_type"}) {
            JsonNode v = c.get(key);
            if (v != null && v.isValueNode()) {
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
}
