package io.credmark.provenance;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any request body either parses to a provenance document, which parses again from the JSON it writes, or fails
 * with {@link ProvenanceException}, our own message naming the path; nothing else escapes (docs/fuzzing.md).
 */
class ProvenanceParserFuzzTest {

    @FuzzTest
    void parse(byte[] json) {
        try {
            ProvenanceParser.parse(json);
        } catch (ProvenanceException expected) {
            return;
        }
        // outside the try: a document we accepted must be accepted again as we write it
        ProvenanceParser.parse(ProvenanceParser.parse(json).toJson());
    }
}
