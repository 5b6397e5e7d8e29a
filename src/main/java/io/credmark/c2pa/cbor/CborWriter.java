package io.credmark.c2pa.cbor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes CBOR for signed and hashed structures: definite lengths everywhere, shortest integers, and text written
 * as one definite-length string however long it is (Jackson's {@code writeString} would chunk long text into an
 * indefinite string). Callers give the element count of every map and array up front.
 */
public final class CborWriter {

    private static final CBORFactory FACTORY = CBORFactory.builder()
            .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS)
            .build();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final CBORGenerator gen;

    public CborWriter() {
        try {
            gen = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CborWriter map(int entries) {
        return io(() -> gen.writeStartObject(null, entries));
    }

    public CborWriter endMap() {
        return io(gen::writeEndObject);
    }

    public CborWriter array(int elements) {
        return io(() -> gen.writeStartArray(null, elements));
    }

    public CborWriter endArray() {
        return io(gen::writeEndArray);
    }

    public CborWriter key(String name) {
        return io(() -> gen.writeFieldName(name));
    }

    /** An integer map key, as COSE header labels are. */
    public CborWriter key(long label) {
        return io(() -> gen.writeFieldId(label));
    }

    public CborWriter text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return io(() -> gen.writeRawUTF8String(utf8, 0, utf8.length));
    }

    public CborWriter bytes(byte[] value) {
        return io(() -> gen.writeBinary(value));
    }

    public CborWriter integer(long value) {
        return io(() -> gen.writeNumber(value));
    }

    public CborWriter integer(BigInteger value) {
        return io(() -> gen.writeNumber(value));
    }

    public CborWriter decimal(double value) {
        return io(() -> gen.writeNumber(value));
    }

    public CborWriter bool(boolean value) {
        return io(() -> gen.writeBoolean(value));
    }

    public CborWriter nul() {
        return io(gen::writeNull);
    }

    public CborWriter tag(int tag) {
        return io(() -> gen.writeTag(tag));
    }

    /** A JSON tree as CBOR, objects and arrays with definite lengths, in the tree's key order. */
    public CborWriter json(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                map(node.size());
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    key(e.getKey());
                    json(e.getValue());
                }
                endMap();
            }
            case ARRAY -> {
                array(node.size());
                node.forEach(this::json);
                endArray();
            }
            case STRING -> text(node.textValue());
            case BOOLEAN -> bool(node.booleanValue());
            case NULL, MISSING -> nul();
            case BINARY -> io(() -> bytes(node.binaryValue()));
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) {
                        integer(node.longValue());
                    } else {
                        integer(node.bigIntegerValue());
                    }
                } else {
                    decimal(node.doubleValue());
                }
            }
            default -> throw new IllegalArgumentException("cannot write " + node.getNodeType() + " as CBOR");
        }
        return this;
    }

    public byte[] toByteArray() {
        io(gen::flush);
        return out.toByteArray();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private CborWriter io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
