package io.credmark.provenance;

import java.util.regex.Pattern;

/**
 * The syntax of registered model ids. Deliberately narrow (URL- and path-safe, bounded) so that the registry
 * can choose its id scheme later without older documents getting in the way.
 */
final class ModelIds {

    static final String DESCRIPTION = "1 to 128 characters from A-Z a-z 0-9 . _ : -, starting with a letter or digit";

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private ModelIds() {
    }

    static boolean isValid(String modelId) {
        return SYNTAX.matcher(modelId).matches();
    }
}
