package io.credmark.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an offline check of a time-stamp found.
 *
 * @param valid      the token covers the data, was signed by the authority's certificate and its chain holds
 * @param trusted    valid, and the chain leads to an anchor the checker trusts
 * @param time       the token's time, when valid
 * @param authority  the authority's certificate subject
 * @param root       the subject of the root the chain ends at
 * @param rootSha256 that root's SHA-256 fingerprint, to compare with the anchors its operator publishes
 * @param problems   why it is not valid
 */
public record TimeStampVerdict(boolean valid, boolean trusted, Optional<Instant> time, String authority,
        String root, String rootSha256, List<String> problems) {

    public TimeStampVerdict {
        problems = List.copyOf(problems);
    }

    static TimeStampVerdict invalid(String problem) {
        return new TimeStampVerdict(false, false, Optional.empty(), "", "", "", List.of(problem));
    }

    /** {@code "trusted"}, {@code "valid"} (the root is not one the checker named) or {@code "invalid"}. */
    public String status() {
        return trusted ? "trusted" : valid ? "valid" : "invalid";
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("status", status());
        time.ifPresent(t -> n.put("time", t.toString()));
        if (valid) {
            n.put("authority", authority).put("root", root).put("rootSha256", rootSha256);
        }
        if (!problems.isEmpty()) {
            n.put("problem", String.join("; ", problems));
        }
        return n;
    }
}
