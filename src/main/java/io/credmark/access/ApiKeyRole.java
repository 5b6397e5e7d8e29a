package io.credmark.access;

import java.util.Locale;
import java.util.Optional;

/** What an API key may do: {@code stamp} images, or everything, including managing keys ({@code admin}). */
public enum ApiKeyRole {
    ADMIN, STAMP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApiKeyRole> byWireName(String name) {
        for (ApiKeyRole r : values()) {
            if (r.wireName().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
