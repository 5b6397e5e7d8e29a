package io.credmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson configuration credmark reads and writes JSON with. credmark works on trees ({@code JsonNode}), so
 * one shared mapper serves wire JSON, records and reports; what comes from callers or images is read by a
 * {@link #bounded} mapper whose nesting is limited, so that a hostile document cannot exhaust the stack. (The
 * provenance parser keeps its own streaming reader, which reports every problem with its path.)
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The shared mapper: writes compact JSON, reads Jackson's defaults. Thread-safe; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A mapper for untrusted JSON: nesting deeper than {@code maxNestingDepth} is refused, and with {@code
     * rejectDuplicates} a member name given twice too (a document must not mean two things).
     */
    public static ObjectMapper bounded(int maxNestingDepth, boolean rejectDuplicates) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, rejectDuplicates)
                .build();
        return new ObjectMapper(factory);
    }
}
