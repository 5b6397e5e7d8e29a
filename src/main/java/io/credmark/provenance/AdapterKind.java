package io.credmark.provenance;

import java.util.Locale;
import java.util.Optional;

/** What sort of add-on network an {@link Adapter} is; written in lower case in JSON. */
public enum AdapterKind {
    LORA,
    LYCORIS,
    EMBEDDING,
    HYPERNETWORK,
    CONTROLNET,
    OTHER;

    /** The JSON spelling, e.g. {@code lora}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind spelled {@code text}, ignoring case. */
    public static Optional<AdapterKind> fromJson(String text) {
        for (AdapterKind kind : values()) {
            if (kind.jsonName().equalsIgnoreCase(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    static String allJsonNames() {
        StringBuilder names = new StringBuilder();
        for (AdapterKind kind : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(kind.jsonName());
        }
        return names.toString();
    }
}
