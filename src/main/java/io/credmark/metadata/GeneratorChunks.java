package io.credmark.metadata;

import java.util.Locale;
import java.util.Set;

/**
 * The PNG text keywords in which generator front ends write their parameters, prompts and graphs. A chunk is
 * recognised by its keyword here only to remove it; what a chunk says is read by content ({@link GeneratorReader}).
 */
final class GeneratorChunks {

    /**
     * AUTOMATIC1111/Forge/SD.Next and Fooocus {@code parameters}; ComfyUI {@code prompt} and {@code workflow};
     * InvokeAI {@code invokeai_metadata}, {@code invokeai_graph} and the older {@code sd-metadata} and {@code Dream};
     * NovelAI {@code Comment} (JSON) and {@code Description} (the prompt); SwarmUI {@code sui_image_params}.
     */
    private static final Set<String> KEYWORDS = Set.of("parameters", "prompt", "workflow", "invokeai_metadata",
            "invokeai_graph", "sd-metadata", "dream", "comment", "description", "sui_image_params",
            "generation_data");

    private GeneratorChunks() {
    }

    public static boolean isGeneratorKeyword(String keyword) {
        return KEYWORDS.contains(keyword.toLowerCase(Locale.ROOT));
    }
}
