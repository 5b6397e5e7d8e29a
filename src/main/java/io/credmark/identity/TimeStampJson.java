package io.credmark.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.c2pa.sign.TimeStampOutcome;

/** How a stamp's answer (HTTP and command line alike) says whether its signature was time-stamped. */
public final class TimeStampJson {

    private TimeStampJson() {
    }

    /**
     * {@code {"stamped": true, "time": ISO-8601, "authority": …}}, or {@code {"stamped": false, "reason": …}}: a
     * stamp without a time-stamp says so, and why.
     */
    public static ObjectNode of(TimeStampOutcome outcome) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("stamped", outcome.stamp().isPresent());
        outcome.stamp().ifPresent(s -> n.put("time", s.time().toString()).put("authority", s.authority()));
        outcome.reason().ifPresent(r -> n.put("reason", r));
        return n;
    }
}
