package io.credmark.metadata;

import io.credmark.container.AssetHandlers;
import io.credmark.container.ParsedImage;
import io.credmark.container.TextRemoval;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.provenance.ProvenanceSchema;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the input's own plain-text copy of its generation from undoing the creator's disclosure levels. A front
 * end's {@code parameters} text, ComfyUI graph or EXIF UserComment spells out the prompt, the seed, the model and
 * its LoRAs; stamping a prompt private means nothing if that text stays in the file. The text is removed before the
 * hard binding is computed, so the signed file is the one without it.
 */
public final class InputTextGuard {

    /** The sections whose fields a generator's text can spell out. */
    private static final List<String> CARRIED_SECTIONS = List.of("generation.", "model.", "lineage.");

    /**
     * @param image   the file to sign
     * @param removed each chunk or value taken out
     * @param reason  why, when anything was
     */
    public record Outcome(ParsedImage image, List<String> removed, Optional<String> reason) {

        public Outcome {
            removed = List.copyOf(removed);
        }
    }

    private InputTextGuard() {
    }

    public static Outcome apply(ParsedImage image, InputMetadataMode mode, DisclosurePolicy policy) {
        String reason;
        switch (mode) {
            case KEEP -> {
                return new Outcome(image, List.of(), Optional.empty());
            }
            case STRIP -> reason = "options.inputMetadata is \"strip\"";
            default -> {
                Optional<String> notPublic = firstNotPublic(policy);
                if (notPublic.isEmpty()) {
                    return new Outcome(image, List.of(), Optional.empty());
                }
                reason = "it could spell out " + notPublic.get() + ", which is stamped "
                        + policy.levelOf(notPublic.get()).wireName();
            }
        }
        TextRemoval.Result result = TextRemoval.remove(image, new TextRemoval.Selection(
                GeneratorChunks::isGeneratorKeyword, true, true));
        if (result.removed().isEmpty()) {
            return new Outcome(image, List.of(), Optional.empty());
        }
        return new Outcome(AssetHandlers.read(result.bytes()), result.removed(), Optional.of(reason));
    }

    /** The first field a generator's text could carry whose level is not public. */
    private static Optional<String> firstNotPublic(DisclosurePolicy policy) {
        return ProvenanceSchema.paths().stream()
                .filter(p -> CARRIED_SECTIONS.stream().anyMatch(p::startsWith))
                .filter(p -> policy.levelOf(p) != DisclosureLevel.PUBLIC)
                .findFirst();
    }
}
