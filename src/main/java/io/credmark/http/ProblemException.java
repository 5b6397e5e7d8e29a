package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ends a request with a problem response. */
final class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final int status;
    private final Map<String, JsonNode> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    ProblemException(ProblemType type, String detail) {
        this(type, type.status(), detail);
    }

    ProblemException(ProblemType type, int status, String detail) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
    }

    ProblemException with(String member, JsonNode value) {
        extensions.put(member, value);
        return this;
    }

    ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    ProblemType type() {
        return type;
    }

    int status() {
        return status;
    }

    Map<String, JsonNode> extensions() {
        return extensions;
    }

    Map<String, String> headers() {
        return headers;
    }
}
