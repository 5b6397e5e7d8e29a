package io.credmark.c2pa.cbor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.credmark.c2pa.CborException;
import java.io.IOException;

/**
 * Reads CBOR into a Jackson tree for inspection. Hashes are never computed over what this returns: callers keep
 * the original bytes. Nesting is capped, and the whole input must be exactly one data item.
 *
 * <p>In the tree, integer map keys (COSE labels) appear as their decimal text, byte strings as binary nodes, and
 * tags are dropped.
 */
public final class CborReader {

    /** Far deeper than any C2PA structure; keeps a hostile 10 000-deep array from exhausting the stack. */
    static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = new ObjectMapper(CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(64 << 20)
                    .build())
            .build());

    private CborReader() {
    }

    /** @throws CborException when the bytes are not one well-formed CBOR item within the limits */
    public static JsonNode read(byte[] bytes, int offset, int length) {
        if (length == 0) {
            throw new CborException("empty CBOR");
        }
        try (JsonParser p = MAPPER.getFactory().createParser(bytes, offset, length)) {
            JsonNode node = MAPPER.readTree(p);
            if (node == null || p.nextToken() != null) {
                throw new CborException("trailing bytes after the CBOR item");
            }
            return node;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new CborException("CBOR nests deeper than " + MAX_NESTING + " levels or exceeds a size limit");
        } catch (IOException | RuntimeException e) {
            if (e instanceof CborException c) {
                throw c;
            }
            throw new CborException(firstLine(e.getMessage()));
        }
    }

    public static JsonNode read(byte[] bytes) {
        return read(bytes, 0, bytes.length);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed CBOR";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
