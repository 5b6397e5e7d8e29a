package io.credmark.disclosure;

import java.util.Locale;
import java.util.Optional;

/** Who may see a provenance field. Ordered from most open to most closed. */
public enum DisclosureLevel {
    /** Everyone: the disclosure is carried readable in the stamped file. */
    PUBLIC,
    /** Whoever views the credential through the service; never in the file, so it can be withdrawn. */
    PROTECTED,
    /** Only the creator. */
    PRIVATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DisclosureLevel> parse(String s) {
        for (DisclosureLevel l : values()) {
            if (l.wireName().equalsIgnoreCase(s)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    public DisclosureLevel stricter(DisclosureLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
