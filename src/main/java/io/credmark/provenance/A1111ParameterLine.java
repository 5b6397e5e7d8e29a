package io.credmark.provenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits AUTOMATIC1111's settings line ({@code Steps: 20, Sampler: Euler a, Lora hashes: "a: 123, b: 456"}) into
 * key/value pairs.
 *
 * <p>Follows A1111's own reader ({@code re_param_code} in {@code infotext_utils.py}): a key of word characters,
 * spaces, {@code -} and {@code /}, then {@code :}, then a JSON-quoted string or anything up to the next comma.
 * Additionally a value starting with <code>{</code> or {@code [} is read as JSON when it is, because the Civitai
 * extension appends {@code Hashes: {"model": "…"}} and Civitai's generator {@code Civitai resources: [{…}]}
 * without quoting. Written as a scanner rather than that
 * regular expression, whose backtracking is quadratic on long lines without a colon.
 */
final class A1111ParameterLine {

    /** One {@code key: value}; {@code value} is text, or an object or array for unquoted JSON. */
    record Pair(String key, JsonNode value) {
    }

    private static final ObjectMapper JSON = Json.mapper();

    private final String line;
    private int position;

    private A1111ParameterLine(String line) {
        this.line = line;
    }

    static List<Pair> parse(String line) {
        return new A1111ParameterLine(line).pairs();
    }

    private List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        while (position < line.length()) {
            skipWhile(" ,\t");
            if (position >= line.length()) {
                break;
            }
            String key = key();
            if (key == null) {
                skipPastComma();
                continue;
            }
            skipWhile(" \t");
            pairs.add(new Pair(key, value()));
        }
        return pairs;
    }

    /** The key up to its colon (consumed), or {@code null} when what follows is not a key. */
    private String key() {
        int start = position;
        if (!isWordCharacter(line.charAt(start))) {
            return null;
        }
        int end = start + 1;
        while (end < line.length() && isKeyCharacter(line.charAt(end))) {
            end++;
        }
        if (end >= line.length() || line.charAt(end) != ':' || end - start < 2) {
            return null;
        }
        position = end + 1;
        return line.substring(start, end).strip();
    }

    private JsonNode value() {
        if (position < line.length() && line.charAt(position) == '"') {
            int end = endOfQuoted(position);
            if (end > 0) {
                String quoted = line.substring(position, end);
                position = end;
                skipPastComma();
                return JSON.getNodeFactory().textNode(unquote(quoted));
            }
        }
        if (position < line.length() && (line.charAt(position) == '{' || line.charAt(position) == '[')) {
            JsonNode object = jsonObjectAt();
            if (object != null) {
                skipPastComma();
                return object;
            }
        }
        int comma = line.indexOf(',', position);
        int end = comma < 0 ? line.length() : comma;
        String text = line.substring(position, end).strip();
        position = end;
        return JSON.getNodeFactory().textNode(text);
    }

    /** Index just past the closing quote of the string starting at {@code start}, or -1 if it never closes. */
    private int endOfQuoted(int start) {
        for (int i = start + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    private static String unquote(String quoted) {
        try {
            return JSON.readValue(quoted, String.class);
        } catch (IOException e) {
            return quoted.substring(1, quoted.length() - 1);
        }
    }

    /** The JSON object or array starting at the current position, consuming it, or {@code null} if there is none. */
    private JsonNode jsonObjectAt() {
        JsonFactory factory = JSON.getFactory();
        try (JsonParser parser = factory.createParser(line.substring(position))) {
            parser.setCodec(JSON);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return null;
            }
            JsonNode object = parser.readValueAsTree();
            position += (int) parser.currentLocation().getCharOffset();
            return object;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void skipWhile(String characters) {
        while (position < line.length() && characters.indexOf(line.charAt(position)) >= 0) {
            position++;
        }
    }

    private void skipPastComma() {
        int comma = line.indexOf(',', position);
        position = comma < 0 ? line.length() : comma + 1;
    }

    private static boolean isWordCharacter(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private static boolean isKeyCharacter(char c) {
        return isWordCharacter(c) || c == ' ' || c == '-' || c == '/';
    }
}
