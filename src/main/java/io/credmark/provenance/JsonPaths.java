package io.credmark.provenance;

import java.util.regex.Pattern;

/** Builds the paths that problems and fields are named by: {@code lineage.adapters[1].weight}. */
final class JsonPaths {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    private JsonPaths() {
    }

    /** The path of member {@code name}; names that are not plain identifiers are written {@code ["…"]}. */
    static String member(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
        return parent + "[" + Describe.quoted(name) + "]";
    }

    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
