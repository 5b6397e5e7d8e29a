package io.credmark.c2pa.jumbf;

import io.credmark.bytes.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serialises JUMBF boxes. Lengths are always 32-bit {@code LBox} values (never the extended form), which is what
 * c2pa-rs expects when it locates a store in a JPEG.
 */
public final class JumbfWriter {

    private JumbfWriter() {
    }

    public static byte[] contentBox(String type, byte[] payload) {
        return new ByteSink(payload.length + 8).u32(payload.length + 8L).ascii(type).bytes(payload).toByteArray();
    }

    public static byte[] descriptionBox(DescriptionBox d) {
        ByteSink p = new ByteSink(64);
        p.u32(d.type().getMostSignificantBits() >>> 32).u32(d.type().getMostSignificantBits() & 0xFFFF_FFFFL);
        p.u32(d.type().getLeastSignificantBits() >>> 32).u32(d.type().getLeastSignificantBits() & 0xFFFF_FFFFL);
        p.u8(d.toggles());
        if (d.label() != null) {
            p.bytes(d.label().getBytes(StandardCharsets.UTF_8)).u8(0);
        }
        if (d.id() != null) {
            p.u32(d.id());
        }
        if (d.signature() != null) {
            p.bytes(d.signature());
        }
        if (d.salt() != null) {
            p.bytes(contentBox("c2sh", d.salt()));
        }
        return contentBox("jumd", p.toByteArray());
    }

    /** A superbox from its description and already-serialised children. */
    public static byte[] superBox(DescriptionBox description, List<byte[]> children) {
        byte[] jumd = descriptionBox(description);
        long total = 8L + jumd.length + children.stream().mapToLong(c -> c.length).sum();
        ByteSink out = new ByteSink((int) total);
        out.u32(total).ascii("jumb").bytes(jumd);
        children.forEach(out::bytes);
        return out.toByteArray();
    }
}
