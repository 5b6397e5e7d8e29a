package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an AUTOMATIC1111 {@code parameters} text (infotext) says about a generation, as provenance values.
 *
 * <p>The text is the prompt (any number of lines), an optional line starting {@code Negative prompt:} (which may
 * continue over further lines), and a last line of {@code Key: value} pairs, e.g.
 * {@code Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 3735928559, Size: 832x1216,
 * Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Version: v1.10.1}. As in A1111, the last line counts as settings
 * only when it holds at least three pairs.
 *
 * <p>Steps, Sampler, Schedule type, CFG scale, Seed, Size and Denoising strength fill the {@link Generation}
 * fields; Model and Model hash give {@link #modelName()} and {@link #modelHash()}; every other pair is kept in
 * {@code generation.extra} under its A1111 key. A value that does not fit its field is kept in {@code extra}
 * instead and a warning says so. Values beyond the document limits are dropped, with a warning.
 *
 * @param generation the generation fields found (possibly {@link Generation#EMPTY})
 * @param modelName  the {@code Model} value (A1111 writes the checkpoint's file name), or {@code null}
 * @param modelHash  the {@code Model hash}, normally an {@link ModelHash.Kind#A1111_SHORTHASH}, or {@code null}
 * @param warnings   what was not taken over as written, one line each
 */
public record A1111Parameters(Generation generation, String modelName, ModelHash modelHash, List<String> warnings) {

    private static final String NEGATIVE_PROMPT = "Negative prompt:";
    private static final int MIN_SETTINGS_PAIRS = 3;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})x(\\d{1,9})");

    public A1111Parameters {
        Objects.requireNonNull(generation, "generation");
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads an infotext. Anything unrecognised ends up in {@code extra} or in a warning, never in an exception.
     *
     * @throws ProvenanceException only if the text is missing, longer than
     *                             {@link ProvenanceLimits#MAX_DOCUMENT_BYTES} characters, or is JSON (the format
     *                             of ComfyUI, SwarmUI and others) rather than infotext
     */
    public static A1111Parameters parse(String infotext) {
        if (infotext == null || infotext.isBlank()) {
            throw ProvenanceException.of("", "empty infotext");
        }
        if (infotext.length() > ProvenanceLimits.MAX_DOCUMENT_BYTES) {
            throw ProvenanceException.of("", "infotext too long: " + infotext.length() + " characters, at most "
                    + ProvenanceLimits.MAX_DOCUMENT_BYTES);
        }
        String text = infotext.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.startsWith("{")) {
            throw ProvenanceException.of("", "not AUTOMATIC1111 infotext: it is JSON (as ComfyUI, SwarmUI or "
                    + "InvokeAI write), which this reader does not interpret");
        }
        return new Reader().read(text);
    }

    /** The model as a provenance {@link Model}, if the infotext named it. */
    public Optional<Model> model() {
        return modelName == null || modelName.isBlank()
                ? Optional.empty()
                : Optional.of(new Model(modelName, null, modelHash, null));
    }

    /** Collects the fields of one infotext; a fresh one per parse. */
    private static final class Reader {

        private final List<String> warnings = new ArrayList<>();
        private final ObjectNode extra = JsonNodeFactory.instance.objectNode();
        private int extraEntries;
        private String prompt;
        private String negativePrompt;
        private BigInteger seed;
        private Integer steps;
        private String sampler;
        private String scheduler;
        private Double cfgScale;
        private Integer width;
        private Integer height;
        private Double denoise;
        private String modelName;
        private ModelHash modelHash;

        A1111Parameters read(String text) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            List<A1111ParameterLine.Pair> settings = A1111ParameterLine.parse(lines.get(lines.size() - 1));
            if (settings.size() >= MIN_SETTINGS_PAIRS) {
                lines.remove(lines.size() - 1);
            } else {
                settings = List.of();
            }
            readPrompts(lines);
            settings.forEach(this::readSetting);
            if (modelHash == null && extra.get("Hashes") instanceof ObjectNode hashes
                    && hashes.path("model").isTextual()) {
                modelHash = ModelHash.parse(hashes.get("model").textValue()).orElse(null);
            }
            Generation generation = new Generation(prompt, negativePrompt, seed, steps, sampler, scheduler,
                    cfgScale, width, height, denoise, null, extra);
            return new A1111Parameters(generation, modelName, modelHash, warnings);
        }

        private void readPrompts(List<String> lines) {
            StringBuilder positive = new StringBuilder();
            StringBuilder negative = null;
            for (String line : lines) {
                String stripped = line.strip();
                if (negative == null && stripped.startsWith(NEGATIVE_PROMPT)) {
                    negative = new StringBuilder(stripped.substring(NEGATIVE_PROMPT.length()).strip());
                } else if (negative != null) {
                    negative.append('\n').append(stripped);
                } else {
                    positive.append(positive.length() == 0 ? "" : "\n").append(stripped);
                }
            }
            prompt = boundedText("prompt", positive.toString().strip());
            negativePrompt = negative == null ? null : boundedText("negative prompt", negative.toString().strip());
        }

        private void readSetting(A1111ParameterLine.Pair pair) {
            String key = pair.key();
            JsonNode value = pair.value();
            String text = value.isTextual() ? value.textValue() : null;
            boolean taken = switch (key) {
                case "Steps" -> (steps = positiveInt(text)) != null;
                case "Sampler" -> (sampler = boundedText(key, text)) != null;
                case "Schedule type" -> (scheduler = boundedText(key, text)) != null;
                case "CFG scale" -> (cfgScale = number(text, 0, Double.MAX_VALUE)) != null;
                case "Seed" -> (seed = seed(text)) != null;
                case "Size" -> readSize(text);
                case "Denoising strength" -> (denoise = number(text, 0, 1)) != null;
                case "Model" -> (modelName = boundedText(key, text)) != null && !modelName.isBlank();
                case "Model hash" -> (modelHash = text == null ? null : ModelHash.parse(text).orElse(null)) != null;
                default -> {
                    putExtra(key, value);
                    yield true;
                }
            };
            if (!taken) {
                warnings.add(key + ": " + Describe.value(value) + " is not a valid value; kept in generation.extra");
                putExtra(key, value);
            }
        }

        private boolean readSize(String text) {
            Matcher size = text == null ? null : SIZE.matcher(text);
            if (size == null || !size.matches()) {
                return false;
            }
            int parsedWidth = Integer.parseInt(size.group(1));
            int parsedHeight = Integer.parseInt(size.group(2));
            if (parsedWidth < 1 || parsedHeight < 1) {
                return false;
            }
            width = parsedWidth;
            height = parsedHeight;
            return true;
        }

        /** Adds a pair to {@code extra} if it stays within the bounds of {@code generation.extra}. */
        private void putExtra(String key, JsonNode value) {
            Problems problems = new Problems();
            int entries = FreeJson.validate(JsonNodeFactory.instance.objectNode().set(key, value), "", problems);
            JsonNode replaced = extra.get(key);
            int replacedEntries = replaced == null
                    ? 0 : FreeJson.validate(JsonNodeFactory.instance.objectNode().set(key, replaced), "", problems);
            if (problems.count() > 0 || extraEntries - replacedEntries + entries > ProvenanceLimits.MAX_EXTRA_ENTRIES) {
                warnings.add(key + ": dropped, it exceeds the limits of generation.extra");
                return;
            }
            extraEntries += entries - replacedEntries;
            extra.set(key, value);
        }

        private String boundedText(String name, String text) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            String problem = TextRules.problemWith(text);
            if (problem != null) {
                warnings.add(name + ": dropped, it " + problem);
                return null;
            }
            return text;
        }

        private static Integer positiveInt(String text) {
            if (text == null || !text.matches("[0-9]{1,9}")) {
                return null;
            }
            int value = Integer.parseInt(text);
            return value >= 1 ? value : null;
        }

        private static BigInteger seed(String text) {
            if (text == null || !text.matches("[0-9]{1,20}")) {
                return null;
            }
            BigInteger value = new BigInteger(text);
            return ProvenanceLimits.isValidSeed(value) ? value : null;
        }

        private static Double number(String text, double min, double max) {
            if (text == null || !text.matches("-?[0-9]{1,12}(\\.[0-9]{1,17})?")) {
                return null;
            }
            double value = Double.parseDouble(text);
            return value >= min && value <= max ? value : null;
        }
    }
}
