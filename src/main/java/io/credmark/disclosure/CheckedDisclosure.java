package io.credmark.disclosure;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A revealed field and whether it is proven: its disclosure matches a digest the signed manifest commits to.
 *
 * @param problem why it is not proven, or {@code null}
 */
public record CheckedDisclosure(String path, JsonNode value, Source source, boolean proven, String problem) {

    /** Where the disclosure came from. */
    public enum Source {
        /** Carried in the file, inside the signed assertion. */
        MANIFEST,
        /** Released by the credmark service to this viewer. */
        SERVICE,
        /** Presented by the caller, e.g. a creator's evidence bundle. */
        EVIDENCE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
