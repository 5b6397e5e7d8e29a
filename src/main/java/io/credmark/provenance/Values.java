package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Reads one JSON value against one rule. Each method returns the value, or records a problem at {@code path}
 * and returns {@code null}.
 */
final class Values {

    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger SEED_MAX = ProvenanceLimits.SEED_BOUND.subtract(BigInteger.ONE);

    private Values() {
    }

    static String text(JsonNode node, String path, Problems problems) {
        if (!node.isTextual()) {
            problems.add(path, "expected a string, got " + Describe.value(node));
            return null;
        }
        String problem = TextRules.problemWith(node.textValue());
        if (problem != null) {
            problems.add(path, problem);
            return null;
        }
        return node.textValue();
    }

    static String nonBlankText(JsonNode node, String path, Problems problems) {
        String text = text(node, path, problems);
        if (text != null && text.isBlank()) {
            problems.add(path, "must not be blank");
            return null;
        }
        return text;
    }

    /** An absolute http or https URL with a host and without user info (which could disguise the real host). */
    static String url(JsonNode node, String path, Problems problems) {
        String text = text(node, path, problems);
        if (text == null) {
            return null;
        }
        String expected = "expected an absolute http or https URL, got " + Describe.value(node);
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque()
                    || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
                problems.add(path, expected);
                return null;
            }
            if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
                problems.add(path, "URL must not contain user info (\"…@\"), got " + Describe.value(node));
                return null;
            }
            return text;
        } catch (URISyntaxException e) {
            problems.add(path, expected);
            return null;
        }
    }

    /**
     * {@code 0 <= seed < 2^64}. Also accepted as a string of decimal digits, for clients whose JSON numbers are
     * doubles and cannot write such seeds exactly.
     */
    static BigInteger seed(JsonNode node, String path, Problems problems) {
        BigInteger seed;
        if (node.isIntegralNumber()) {
            seed = node.bigIntegerValue();
        } else if (node.isTextual() && node.textValue().matches("[0-9]{1,20}")) {
            seed = new BigInteger(node.textValue());
        } else {
            problems.add(path, "expected an integer, got " + Describe.value(node));
            return null;
        }
        if (!ProvenanceLimits.isValidSeed(seed)) {
            problems.add(path, "must be between 0 and " + SEED_MAX + ", got " + seed);
            return null;
        }
        return seed;
    }

    static Integer positiveInt(JsonNode node, String path, Problems problems) {
        if (!node.isIntegralNumber()) {
            problems.add(path, "expected an integer, got " + Describe.value(node));
            return null;
        }
        BigInteger value = node.bigIntegerValue();
        if (value.signum() <= 0) {
            problems.add(path, "must be at least 1, got " + value);
            return null;
        }
        if (value.compareTo(INT_MAX) > 0) {
            problems.add(path, "must be at most " + INT_MAX + ", got " + value);
            return null;
        }
        return value.intValue();
    }

    static Double number(JsonNode node, String path, Problems problems) {
        if (!node.isNumber()) {
            problems.add(path, "expected a number, got " + Describe.value(node));
            return null;
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            problems.add(path, "number out of range, got " + Describe.value(node));
            return null;
        }
        return value;
    }

    static Double cfgScale(JsonNode node, String path, Problems problems) {
        Double value = number(node, path, problems);
        if (value != null && !ProvenanceLimits.isValidCfgScale(value)) {
            problems.add(path, "must not be negative, got " + Describe.value(node));
            return null;
        }
        return value;
    }

    static Double denoise(JsonNode node, String path, Problems problems) {
        Double value = number(node, path, problems);
        if (value != null && !ProvenanceLimits.isValidDenoise(value)) {
            problems.add(path, "must be between 0 and 1, got " + Describe.value(node));
            return null;
        }
        return value;
    }

    /** A string form (see {@link ModelHash#parse}) or the canonical {@code {"alg", "value"}} object. */
    static ModelHash hash(JsonNode node, String path, Problems problems) {
        if (node.isTextual()) {
            ModelHash hash = ModelHash.parse(node.textValue()).orElse(null);
            if (hash == null) {
                problems.add(path, "expected " + ModelHash.ACCEPTED_FORMS + ", got " + Describe.value(node));
            }
            return hash;
        }
        if (!node.isObject()) {
            problems.add(path, "expected " + ModelHash.ACCEPTED_FORMS + ", got " + Describe.value(node));
            return null;
        }
        NodeReader object = NodeReader.of(node, path, problems);
        String alg = object.requiredText("alg");
        String value = object.requiredText("value");
        if (!object.complete()) {
            return null;
        }
        ModelHash.Kind kind = ModelHash.Kind.fromAlg(alg).orElse(null);
        if (kind == null) {
            problems.add(JsonPaths.member(path, "alg"), "unknown hash algorithm " + Describe.quoted(alg)
                    + " (expected one of: sha256, a1111-shorthash)");
            return null;
        }
        if (value.length() != kind.hexDigits() || !value.chars().allMatch(Values::isHexDigit)) {
            problems.add(JsonPaths.member(path, "value"), "expected " + kind.hexDigits() + " hex digits for "
                    + kind.alg() + ", got " + Describe.quoted(value));
            return null;
        }
        return new ModelHash(value, kind);
    }

    static AdapterKind adapterKind(JsonNode node, String path, Problems problems) {
        String text = text(node, path, problems);
        if (text == null) {
            return null;
        }
        AdapterKind kind = AdapterKind.fromJson(text).orElse(null);
        if (kind == null) {
            problems.add(path, "unknown adapter kind " + Describe.value(node)
                    + " (expected one of: " + AdapterKind.allJsonNames() + ")");
        }
        return kind;
    }

    static String modelId(JsonNode node, String path, Problems problems) {
        String text = text(node, path, problems);
        if (text != null && !ModelIds.isValid(text)) {
            problems.add(path, "expected a model id (" + ModelIds.DESCRIPTION + "), got " + Describe.value(node));
            return null;
        }
        return text;
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
