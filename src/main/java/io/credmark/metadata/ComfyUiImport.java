package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ComfyUI's {@code prompt} chunk: the API graph its SaveImage node writes ({@code {"3": {"class_type": "KSampler",
 * "inputs": {"seed": 5, "model": ["4", 0], …}}, …}}; a link is {@code [node id, output index]}). The walk starts
 * at the sampler (KSampler, KSamplerAdvanced, SamplerCustom, SamplerCustomAdvanced) and follows its links: along
 * {@code model} through LoRA loaders (each an adapter) to the checkpoint loader, along {@code positive} and
 * {@code negative} to CLIPTextEncode, along {@code latent_image} to EmptyLatentImage (the size) or VAEEncode (an
 * image-to-image input). Node names follow ComfyUI's own nodes.py and comfy_extras.
 */
final class ComfyUiImport {

    static final String GENERATOR = "ComfyUI";
    /** A generated image's graph has tens of nodes; ten thousand is far past any real one. */
    static final int MAX_NODES = 10_000;
    /** Links followed from the sampler in one direction before giving up (a chain, or a cycle). */
    static final int MAX_HOPS = 256;
    private static final Set<String> SAMPLERS = Set.of("KSampler", "KSamplerAdvanced", "SamplerCustom",
            "SamplerCustomAdvanced");

    private final ObjectNode graph;
    private final Found found;
    private boolean imageInput;

    private ComfyUiImport(ObjectNode graph, Found found) {
        this.graph = graph;
        this.found = found;
    }

    /** Whether {@code json} is an API graph: an object of nodes, each with a class_type. */
    static boolean isApiGraph(JsonNode json) {
        if (!json.isObject() || json.isEmpty()) {
            return false;
        }
        JsonNode first = json.elements().next();
        return first.isObject() && first.path("class_type").isTextual();
    }

    /** Whether {@code json} is ComfyUI's editor graph (the {@code workflow} chunk). */
    static boolean isWorkflow(JsonNode json) {
        return json.isObject() && json.path("nodes").isArray() && json.has("links");
    }

    /**
     * @throws InvalidInputException naming the chunk when the graph is beyond the bounds
     */
    static Found read(ObjectNode graph, GeneratorText text) {
        if (graph.size() > MAX_NODES) {
            throw new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE, text.source()
                    + ": the ComfyUI graph has " + graph.size() + " nodes, more than " + MAX_NODES
                    + "; stamp with options.import \"none\" to leave it unread");
        }
        Found found = new Found(GENERATOR, text.source());
        new ComfyUiImport(graph, found).walk();
        return found.done();
    }

    private void walk() {
        List<String> samplers = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = graph.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (SAMPLERS.contains(e.getValue().path("class_type").asText())) {
                samplers.add(e.getKey());
            }
        }
        if (samplers.isEmpty()) {
            found.drop("prompt", "the graph has no sampler node (KSampler, KSamplerAdvanced, SamplerCustom)");
            return;
        }
        samplers.sort((a, b) -> compareIds(a, b));
        if (samplers.size() > 1) {
            found.drop("prompt", "the graph has " + samplers.size() + " samplers (nodes " + String.join(", ",
                    samplers) + "); the first, node " + samplers.get(0) + ", was read");
        }
        sampler(graph.get(samplers.get(0)).path("inputs"));
    }

    private void sampler(JsonNode in) {
        found.number("generation.seed", first(in, "seed", "noise_seed"));
        found.number("generation.steps", in.get("steps"));
        found.number("generation.cfgScale", in.get("cfg"));
        text("generation.sampler", in.get("sampler_name"));
        text("generation.scheduler", in.get("scheduler"));
        model(in.get("model"));
        conditioning("generation.prompt", in.get("positive"));
        conditioning("generation.negativePrompt", in.get("negative"));
        node(in.get("sampler")).ifPresent(s -> text("generation.sampler", s.path("inputs").get("sampler_name")));
        node(in.get("sigmas")).ifPresent(s -> {
            JsonNode sigmas = s.path("inputs");
            found.number("generation.steps", sigmas.get("steps"));
            text("generation.scheduler", sigmas.get("scheduler"));
            found.number("generation.denoise", sigmas.get("denoise"));
        });
        node(in.get("noise")).ifPresent(n -> found.number("generation.seed", n.path("inputs").get("noise_seed")));
        node(in.get("guider")).ifPresent(g -> {
            JsonNode guider = g.path("inputs");
            found.number("generation.cfgScale", guider.get("cfg"));
            model(guider.get("model"));
            conditioning("generation.prompt", first(guider, "positive", "conditioning"));
            conditioning("generation.negativePrompt", guider.get("negative"));
        });
        latent(in.get("latent_image"));
        if (imageInput) {
            found.number("generation.denoise", in.get("denoise"));
        } else if (in.has("denoise") && in.get("denoise").isNumber() && in.get("denoise").doubleValue() < 1) {
            found.number("generation.denoise", in.get("denoise"));
        }
    }

    /** From the sampler's model input back to the checkpoint, collecting LoRAs on the way. */
    private void model(JsonNode link) {
        Set<JsonNode> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Optional<JsonNode> node = node(link);
        for (int hops = 0; node.isPresent() && hops < MAX_HOPS; hops++) {
            JsonNode n = node.get();
            if (!seen.add(n)) {
                break; // a cycle: each LoRA once
            }
            JsonNode in = n.path("inputs");
            String type = n.path("class_type").asText();
            switch (type) {
                case "LoraLoader", "LoraLoaderModelOnly" -> found.adapter("lora",
                        Found.modelFileName(in.path("lora_name").asText(null)), in.get("strength_model"), null);
                case "CheckpointLoaderSimple", "CheckpointLoader", "ImageOnlyCheckpointLoader" -> {
                    found.text("model.name", Found.modelFileName(in.path("ckpt_name").asText(null)));
                    found.extra.put("ckpt_name", in.path("ckpt_name").asText());
                    return;
                }
                case "UNETLoader", "UnetLoaderGGUF" -> {
                    found.text("model.name", Found.modelFileName(in.path("unet_name").asText(null)));
                    found.extra.put("unet_name", in.path("unet_name").asText());
                    return;
                }
                default -> {
                }
            }
            node = node(in.get("model"));
        }
    }

    /** A conditioning input back to the text encoder that made it, through combine/set-area nodes. */
    private void conditioning(String path, JsonNode link) {
        Optional<JsonNode> node = node(link);
        for (int hops = 0; node.isPresent() && hops < MAX_HOPS; hops++) {
            JsonNode in = node.get().path("inputs");
            JsonNode text = first(in, "text", "text_g", "clip_l");
            if (node.get().path("class_type").asText().startsWith("CLIPTextEncode") && text != null) {
                if (text.isTextual()) {
                    found.text(path, text.textValue());
                } else {
                    found.drop(path, "the text is a link to another node (" + text + "), not written in the graph");
                }
                return;
            }
            node = node(first(in, "conditioning", "conditioning_1", "conditioning_to"));
        }
    }

    private void latent(JsonNode link) {
        Optional<JsonNode> node = node(link);
        for (int hops = 0; node.isPresent() && hops < MAX_HOPS; hops++) {
            String type = node.get().path("class_type").asText();
            JsonNode in = node.get().path("inputs");
            if (type.startsWith("Empty") && type.endsWith("LatentImage")) {
                found.number("generation.width", in.get("width"));
                found.number("generation.height", in.get("height"));
                return;
            }
            if (type.startsWith("VAEEncode")) {
                imageInput = true;
                return;
            }
            node = node(first(in, "samples", "latent", "latent_image"));
        }
    }

    private void text(String path, JsonNode value) {
        if (value != null && value.isTextual()) {
            found.text(path, value.textValue());
        }
    }

    /** The node a link {@code [id, index]} points to. */
    private Optional<JsonNode> node(JsonNode link) {
        if (link == null || !link.isArray() || link.size() != 2 || !link.get(0).isValueNode()) {
            return Optional.empty();
        }
        JsonNode n = graph.get(link.get(0).asText());
        return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
    }

    private static JsonNode first(JsonNode in, String... names) {
        for (String name : names) {
            if (in.has(name)) {
                return in.get(name);
            }
        }
        return null;
    }

    private static int compareIds(String a, String b) {
        boolean na = a.matches("[0-9]{1,9}");
        boolean nb = b.matches("[0-9]{1,9}");
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return na ? -1 : nb ? 1 : a.compareTo(b);
    }
}
