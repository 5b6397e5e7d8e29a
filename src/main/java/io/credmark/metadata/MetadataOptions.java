package io.credmark.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.InvalidInputException;
import java.util.Set;

/**
 * The stamp options about metadata, members of the same {@code options} document as the mark and the watermark:
 * {@code "inputMetadata": "keep" | "strip-private" | "strip"} (default {@code "strip-private"}).
 */
public record MetadataOptions(InputMetadataMode inputMetadata) {

    public static final MetadataOptions DEFAULT = new MetadataOptions(InputMetadataMode.STRIP_PRIVATE);
    /** The option names this record reads. */
    public static final Set<String> NAMES = Set.of("inputMetadata");

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
        return new MetadataOptions(input);
    }

    private static InvalidInputException invalid(String path, String message) {
        return new InvalidInputException(InvalidInputException.Kind.INVALID_DOCUMENT, path + ": " + message);
    }
}
