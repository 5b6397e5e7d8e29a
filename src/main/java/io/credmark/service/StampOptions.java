package io.credmark.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.InvalidInputException;
import java.io.IOException;
import java.util.Iterator;

/**
 * Options of a stamp request. None are defined yet (marker, watermark and disclosure come later); an options
 * document must be a JSON object, and a member this version does not know is refused rather than ignored, so
 * that a client asking for a feature never silently goes without it.
 */
public record StampOptions() {

    public static final StampOptions DEFAULT = new StampOptions();
    public static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_BYTES)
                    .maxNestingDepth(32).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    /**
     * @throws InvalidInputException ({@code INVALID_DOCUMENT}) whose message is {@code path: problem}, the path
     *                               relative to the options document
     */
    public static StampOptions parse(byte[] json) {
        if (json.length > MAX_BYTES) {
            throw invalid("", "the document is " + json.length + " bytes; at most " + MAX_BYTES);
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(json)) {
            root = JSON.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw invalid("", "unexpected content after the JSON document");
            }
        } catch (JsonProcessingException e) {
            throw invalid("", "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw invalid("", "not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            return DEFAULT;
        }
        if (!root.isObject()) {
            throw invalid("", "expected a JSON object");
        }
        Iterator<String> names = root.fieldNames();
        if (names.hasNext()) {
            throw invalid(names.next(), "unknown option (this version supports none)");
        }
        return DEFAULT;
    }

    private static InvalidInputException invalid(String path, String message) {
        return new InvalidInputException(InvalidInputException.Kind.INVALID_DOCUMENT,
                path.isEmpty() ? message : path + ": " + message);
    }
}
