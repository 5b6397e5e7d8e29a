package io.credmark.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.InvalidInputException;
import io.credmark.Json;
import java.io.IOException;

/**
 * Small JSON documents of a request (options, admin bodies): bounded nesting, duplicate member names refused,
 * nothing after the document. Problems are 422s naming the document.
 */
final class JsonBodies {

    private static final ObjectMapper JSON = Json.bounded(32, true);

    private JsonBodies() {
    }

    /**
     * @param name what the document is called in messages, e.g. {@code options}
     * @return the document; a missing node when {@code bytes} hold only white space
     */
    static JsonNode read(byte[] bytes, String name) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            JsonNode root = JSON.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw invalid(name, "unexpected content after the JSON document");
            }
            return root == null ? JSON.missingNode() : root;
        } catch (JsonProcessingException e) {
            throw invalid(name, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw invalid(name, "not valid JSON");
        }
    }

    static ProblemException invalid(String path, String message) {
        return Problems.invalidDocument(null, InvalidInputException.invalidDocument(path, message));
    }
}
