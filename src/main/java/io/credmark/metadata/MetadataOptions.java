package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.InvalidInputException;
import java.util.Set;

/**
 * The stamp options about metadata, members of the same {@code options} document as the mark and the watermark:
 * {@code "inputMetadata": "keep" | "strip-private" | "strip"} (default {@code "strip-private"}) and
 * {@code "import": "auto" | "none"} (default {@code "auto"}: fill the provenance's gaps from the input's generator
 * metadata), {@code "xmp": true | false} (default {@code true}: write the XMP labels) and {@code "trainingMining":
 * {"ai_training": "notAllowed", …}} (the CAWG training and data mining uses, over what the usage terms say) and
 * {@code "thumbnail": true | false} (default: when the stamp decodes pixels anyway) and {@code "workflow": "hash" |
 * "keep"} (default {@code "hash"}: ComfyUI's editor graph is recorded as its SHA-256 only; {@code "keep"} records
 * the graph itself in {@code generation.extra.workflow}, as far as the provenance's size limit allows).
 *
 * @param importing      whether to read the input's generator metadata into the provenance
 * @param xmp            whether to write the XMP labels
 * @param trainingMining uses set explicitly, over those derived from the usage terms
 * @param thumbnail      whether the manifest gets a claim thumbnail
 * @param keepWorkflow   whether an imported ComfyUI editor graph is recorded whole rather than as its hash
 */
public record MetadataOptions(InputMetadataMode inputMetadata, boolean importing, boolean xmp,
        TrainingMining trainingMining, Thumbnail thumbnail, boolean keepWorkflow) {

    public static final MetadataOptions DEFAULT = new MetadataOptions(InputMetadataMode.STRIP_PRIVATE, true, true,
            TrainingMining.NONE, Thumbnail.AUTO, false);
    /** The option names this record reads. */
    public static final Set<String> NAMES = Set.of("inputMetadata", "import", "xmp", "trainingMining", "thumbnail",
            "workflow");

    /**
     * The claim thumbnail: by default ({@link #AUTO}) only when the stamp decodes pixels anyway (a mark or a
     * watermark), so that a metadata-only stamp stays decode-free unless asked.
     */
    public enum Thumbnail {
        AUTO, ON, OFF;

        /** Whether a stamp that does ({@code decodes}) or does not decode pixels gets one. */
        public boolean wanted(boolean decodes) {
            return this == ON || (this == AUTO && decodes);
        }
    }

    /** @throws InvalidInputException naming the option that is wrong */
    public static MetadataOptions parse(JsonNode options) {
        if (options == null || !options.isObject()) {
            return DEFAULT;
        }
        InputMetadataMode input = DEFAULT.inputMetadata();
        JsonNode n = options.get("inputMetadata");
        if (n != null && !n.isNull()) {
            input = (n.isTextual() ? InputMetadataMode.parse(n.textValue()) : java.util.Optional.<InputMetadataMode>empty())
                    .orElseThrow(() -> invalid("options.inputMetadata",
                            "expected \"keep\", \"strip-private\" or \"strip\""));
        }
        boolean importing = DEFAULT.importing();
        JsonNode i = options.get("import");
        if (i != null && !i.isNull()) {
            if (!i.isTextual() || !(i.textValue().equals("auto") || i.textValue().equals("none"))) {
                throw invalid("options.import", "expected \"auto\" or \"none\"");
            }
            importing = i.textValue().equals("auto");
        }
        boolean xmp = DEFAULT.xmp();
        JsonNode x = options.get("xmp");
        if (x != null && !x.isNull()) {
            if (!x.isBoolean()) {
                throw invalid("options.xmp", "expected true or false");
            }
            xmp = x.booleanValue();
        }
        JsonNode t = options.get("trainingMining");
        TrainingMining mining = t == null || t.isNull() ? TrainingMining.NONE : TrainingMining.parse(t);
        Thumbnail thumbnail = Thumbnail.AUTO;
        JsonNode th = options.get("thumbnail");
        if (th != null && !th.isNull()) {
            if (!th.isBoolean()) {
                throw invalid("options.thumbnail", "expected true or false");
            }
            thumbnail = th.booleanValue() ? Thumbnail.ON : Thumbnail.OFF;
        }
        boolean keepWorkflow = DEFAULT.keepWorkflow();
        JsonNode w = options.get("workflow");
        if (w != null && !w.isNull()) {
            if (!w.isTextual() || !(w.textValue().equals("hash") || w.textValue().equals("keep"))) {
                throw invalid("options.workflow", "expected \"hash\" or \"keep\"");
            }
            keepWorkflow = w.textValue().equals("keep");
        }
        return new MetadataOptions(input, importing, xmp, mining, thumbnail, keepWorkflow);
    }

    private static InvalidInputException invalid(String path, String message) {
        return InvalidInputException.invalidDocument(path, message);
    }
}
