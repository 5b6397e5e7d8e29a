package io.credmark.metadata;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.Json;
import io.credmark.bytes.Sha256;
import io.credmark.container.ParsedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what generator front ends wrote into a file, each text recognised by its content rather than its
 * keyword: ComfyUI's API graph, InvokeAI's metadata, NovelAI's request, AUTOMATIC1111 infotext (with Civitai's
 * resources). ComfyUI's editor graph ({@code workflow}) is recorded only as its SHA-256: it repeats the API graph
 * with layout, and can run to megabytes.
 */
public final class GeneratorReader {

    /** JSON nesting past this is not a generator's metadata; real graphs are 4 to 6 levels deep. */
    static final int MAX_JSON_DEPTH = 64;
    private static final ObjectMapper JSON = Json.bounded(MAX_JSON_DEPTH, false);

    private GeneratorReader() {
    }

    /**
     * @throws InvalidInputException naming the chunk when one is beyond the bounds (size, depth, node count)
     */
    public static GeneratorMetadata read(ParsedImage image) {
        return read(image, false);
    }

    /**
     * @param keepWorkflow whether ComfyUI's editor graph is recorded whole ({@code generation.extra.workflow}) rather
     *                     than as its SHA-256
     * @throws InvalidInputException naming the chunk when one is beyond the bounds (size, depth, node count)
     */
    public static GeneratorMetadata read(ParsedImage image, boolean keepWorkflow) {
        return read(InputTextReader.read(image), keepWorkflow);
    }

    static GeneratorMetadata read(List<GeneratorText> texts) {
        return read(texts, false);
    }

    static GeneratorMetadata read(List<GeneratorText> texts, boolean keepWorkflow) {
        List<Found> found = new ArrayList<>();
        List<DroppedValue> dropped = new ArrayList<>();
        Optional<String> novelAiSource = Optional.empty();
        boolean novelAi = false;
        for (GeneratorText t : texts) {
            if (t.keyword().equalsIgnoreCase("software") && t.text().strip().equals("NovelAI")) {
                novelAi = true;
            } else if (t.keyword().equalsIgnoreCase("source")) {
                novelAiSource = Optional.of(t.text().strip());
            }
        }
        for (GeneratorText t : texts) {
            String keyword = t.keyword().toLowerCase(Locale.ROOT);
            if (keyword.equals("software") || keyword.equals("source")
                    || (keyword.equals("description") && novelAi)) {
                continue; // NovelAI's Description repeats the prompt its Comment holds
            }
            String text = t.text().strip();
            if (text.startsWith("{")) {
                JsonNode json = json(t);
                if (ComfyUiImport.isApiGraph(json)) {
                    found.add(ComfyUiImport.read((ObjectNode) json, t));
                } else if (ComfyUiImport.isWorkflow(json)) {
                    Found workflow = new Found(ComfyUiImport.GENERATOR, t.source());
                    workflow.extra.set("workflow", keepWorkflow ? json
                            : Found.F.objectNode().put("sha256", Sha256.hex(t.text())));
                    found.add(workflow.done());
                } else if (InvokeAiImport.isMetadata(json)) {
                    found.add(InvokeAiImport.read(json, t));
                } else if (NovelAiImport.isComment(json)) {
                    found.add(NovelAiImport.read(json, t, novelAiSource.orElse(null)));
                } else {
                    dropped.add(new DroppedValue(t.keyword(), t.source(), "JSON of a kind credmark does not read"));
                }
            } else if (A1111Import.looksLikeInfotext(text)) {
                found.add(A1111Import.read(t));
            } else if (!keyword.equals("description") && !keyword.equals("comment")) {
                dropped.add(new DroppedValue(t.keyword(), t.source(), "text of a kind credmark does not read"));
            }
        }
        Set<String> generators = new LinkedHashSet<>();
        List<GeneratorMetadata.Candidate> candidates = new ArrayList<>();
        // the API graph and InvokeAI's metadata are exact; infotext is a rendering of them
        found.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        for (Found f : found) {
            generators.add(f.generator);
            f.fields.forEach((path, value) -> candidates.add(new GeneratorMetadata.Candidate(path, value, f.source,
                    f.generator)));
            dropped.addAll(f.dropped);
        }
        return new GeneratorMetadata(List.copyOf(generators), candidates, dropped);
    }

    private static int rank(Found f) {
        return switch (f.generator) {
            case ComfyUiImport.GENERATOR, InvokeAiImport.GENERATOR -> 0;
            case NovelAiImport.GENERATOR -> 1;
            default -> 2;
        };
    }

    private static JsonNode json(GeneratorText t) {
        try {
            return JSON.readTree(t.text());
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE, t.source()
                    + ": the JSON is nested more than " + MAX_JSON_DEPTH + " levels deep; stamp with options.import"
                    + " \"none\" to leave it unread");
        } catch (IOException e) {
            return Found.F.missingNode();
        }
    }
}
