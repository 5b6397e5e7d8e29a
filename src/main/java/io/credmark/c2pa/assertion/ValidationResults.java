package io.credmark.c2pa.assertion;

import io.credmark.c2pa.cbor.CborWriter;
import java.util.List;

/**
 * The {@code validationResults} map of an ingredient (spec 2.2 §18.6.2): the status codes that validating the
 * ingredient's active manifest gave when it was taken in.
 */
public record ValidationResults(List<Status> success, List<Status> informational, List<Status> failure) {

    public record Status(String code, String url, String explanation) {
    }

    public ValidationResults {
        success = List.copyOf(success);
        informational = List.copyOf(informational);
        failure = List.copyOf(failure);
    }

    void writeTo(CborWriter w) {
        w.map(1).key("activeManifest").map(3);
        list(w, "success", success);
        list(w, "informational", informational);
        list(w, "failure", failure);
        w.endMap().endMap();
    }

    private static void list(CborWriter w, String key, List<Status> statuses) {
        w.key(key).array(statuses.size());
        for (Status s : statuses) {
            int n = 1 + (s.url() == null ? 0 : 1) + (s.explanation() == null ? 0 : 1);
            w.map(n).key("code").text(s.code());
            if (s.url() != null) {
                w.key("url").text(s.url());
            }
            if (s.explanation() != null) {
                w.key("explanation").text(s.explanation());
            }
            w.endMap();
        }
        w.endArray();
    }
}
