package io.credmark.metadata;

import java.util.Arrays;
import java.util.Optional;

/** What a stamp does with the generator text the input already carries (stamp option {@code inputMetadata}). */
public enum InputMetadataMode {
    /** Leave it, even when it holds fields that are stamped private or protected. */
    KEEP("keep"),
    /** Remove it when any field it could carry is not public; the default. */
    STRIP_PRIVATE("strip-private"),
    /** Always remove it. */
    STRIP("strip");

    private final String wireName;

    InputMetadataMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<InputMetadataMode> parse(String text) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(text)).findFirst();
    }
}
