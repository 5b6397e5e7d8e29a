package io.credmark.provenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns request bytes (UTF-8) into a JSON tree, stricter than Jackson's defaults and with messages of our own: bounded
 * size and nesting, duplicate member names rejected (a signed document must not mean two things), nothing
 * after the document.
 */
final class StrictJsonReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int EXCERPT_CHARS = 24;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(ProvenanceLimits.MAX_DOCUMENT_BYTES)
                    // value() reports too deep nesting with its path; this is only a backstop.
                    .maxNestingDepth(ProvenanceLimits.MAX_JSON_NESTING + 8)
                    // Strings and names are checked against MAX_STRING_BYTES with their path afterwards; these
                    // only stop pathological tokens early.
                    .maxStringLength(ProvenanceLimits.MAX_DOCUMENT_BYTES)
                    .maxNameLength(ProvenanceLimits.MAX_STRING_BYTES)
                    .maxNumberLength(100)
                    .build())
            .build();

    private StrictJsonReader() {
    }

    static JsonNode read(byte[] json) {
        if (json == null || json.length == 0) {
            throw ProvenanceException.of("", "empty document: expected a JSON object");
        }
        if (json.length > ProvenanceLimits.MAX_DOCUMENT_BYTES) {
            throw ProvenanceException.of("", "document too large: " + json.length + " bytes, at most "
                    + ProvenanceLimits.MAX_DOCUMENT_BYTES);
        }
        String text = decodeUtf8(json);
        Problems problems = new Problems();
        JsonParser parser = createParser(text);
        try (parser) {
            if (parser.nextToken() == null) {
                throw ProvenanceException.of("", "empty document: expected a JSON object");
            }
            JsonNode root = value(parser, "", 1, problems);
            rejectTrailingContent(parser, text);
            problems.throwIfAny();
            return root;
        } catch (StreamConstraintsException e) {
            throw ProvenanceException.of("", "document exceeds a limit " + at(location(e, parser))
                    + ": " + constraintName(e));
        } catch (JsonEOFException e) {
            throw ProvenanceException.of("", "malformed JSON: unexpected end of input " + at(location(e, parser)));
        } catch (JsonProcessingException e) {
            JsonLocation location = location(e, parser);
            throw ProvenanceException.of("", "malformed JSON " + at(location) + near(text, location));
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
    }

    /** JSON exchanged between systems is UTF-8 (RFC 8259, section 8.1); a leading byte order mark is allowed. */
    private static String decodeUtf8(byte[] json) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(json);
        CharBuffer chars = CharBuffer.allocate(json.length);
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            throw ProvenanceException.of("", "document is not valid UTF-8 (at byte " + bytes.position() + ")");
        }
        decoder.flush(chars);
        chars.flip();
        String text = chars.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static JsonParser createParser(String text) {
        try {
            return FACTORY.createParser(text);
        } catch (IOException e) {
            throw new UncheckedIOException("creating a JSON parser over a string failed", e);
        }
    }

    private static JsonNode value(JsonParser parser, String path, int depth, Problems problems) throws IOException {
        JsonToken token = parser.currentToken();
        if (token.isStructStart() && depth > ProvenanceLimits.MAX_JSON_NESTING) {
            throw ProvenanceException.of(path, "JSON nested deeper than " + ProvenanceLimits.MAX_JSON_NESTING
                    + " levels " + at(parser.currentTokenLocation()));
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String memberPath = JsonPaths.member(path, name);
                    parser.nextToken();
                    JsonNode member = value(parser, memberPath, depth + 1, problems);
                    if (object.has(name)) {
                        problems.add(memberPath, "duplicate field");
                    } else {
                        object.set(name, member);
                    }
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, JsonPaths.element(path, array.size()), depth + 1, problems));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return FreeJson.integer(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    private static void rejectTrailingContent(JsonParser parser, String text) throws IOException {
        JsonLocation end = parser.currentLocation();
        try {
            if (parser.nextToken() == null) {
                return;
            }
            end = parser.currentTokenLocation();
        } catch (JsonProcessingException e) {
            end = e.getLocation() == null ? end : e.getLocation();
        }
        throw ProvenanceException.of("", "unexpected content after the JSON document " + at(end) + near(text, end));
    }

    private static JsonLocation location(JsonProcessingException e, JsonParser parser) {
        return e.getLocation() != null ? e.getLocation() : parser.currentLocation();
    }

    private static String at(JsonLocation location) {
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A short excerpt of the input from the error location on, so the caller can find the spot. */
    private static String near(String text, JsonLocation location) {
        long offset = location.getCharOffset();
        if (offset < 0 || offset >= text.length()) {
            return "";
        }
        String excerpt = text.substring((int) offset, (int) Math.min(text.length(), offset + EXCERPT_CHARS)).strip();
        return excerpt.isEmpty() ? "" : " near " + Describe.quoted(excerpt);
    }

    private static String constraintName(StreamConstraintsException e) {
        String text = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("nesting")) {
            return "JSON nested too deeply";
        }
        if (text.contains("number")) {
            return "number with too many digits";
        }
        if (text.contains("name")) {
            return "member name longer than " + ProvenanceLimits.MAX_STRING_BYTES + " characters";
        }
        if (text.contains("string")) {
            return "string too long";
        }
        return "document too large";
    }
}
