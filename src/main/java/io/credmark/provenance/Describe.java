package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders values for problem messages: short, one line, never echoing a whole prompt back. */
final class Describe {

    private static final int MAX_SHOWN_CHARS = 40;

    private Describe() {
    }

    /** E.g. {@code "abc"}, {@code 42}, {@code true}, {@code null}, {@code an object}, {@code an array}. */
    static String value(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return quoted(node.textValue());
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isNumber() || node.isBoolean() || node.isNull()) {
            return truncate(node.asText());
        }
        return "an unsupported value";
    }

    /** A JSON string literal, shortened and with control characters escaped so it stays on one line. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < text.length(); i++) {
            if (shown == MAX_SHOWN_CHARS) {
                out.append('…');
                break;
            }
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !isPairedAt(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
            shown++;
        }
        return out.append('"').toString();
    }

    private static boolean isPairedAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "…";
    }
}
