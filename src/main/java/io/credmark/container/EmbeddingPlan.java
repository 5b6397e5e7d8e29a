package io.credmark.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * How a new manifest store goes into a file: every byte of the input is kept, in order, except any earlier C2PA
 * store, and the new carrier is inserted at one offset. Nothing is re-encoded, and nothing is copied until the
 * output is written, so a stamp holds one copy of the file in memory.
 */
public final class EmbeddingPlan {

    private final byte[] source;
    private final AssetHandler handler;
    private final List<ByteRange> before;
    private final List<ByteRange> after;
    private final long insertionOffset;

    private EmbeddingPlan(byte[] source, AssetHandler handler, List<ByteRange> before, List<ByteRange> after) {
        this.source = source;
        this.handler = handler;
        this.before = List.copyOf(before);
        this.after = List.copyOf(after);
        this.insertionOffset = before.stream().mapToLong(ByteRange::length).sum();
    }

    /** Plans to replace whatever stores {@code image} has with a new one at the format's insertion point. */
    public static EmbeddingPlan replacingStores(ParsedImage image) {
        List<ByteRange> removed = new ArrayList<>();
        image.stores().forEach(s -> removed.addAll(s.ranges()));
        removed.sort((a, b) -> Long.compare(a.start(), b.start()));
        List<ByteRange> kept = new ArrayList<>();
        long pos = 0;
        for (ByteRange r : removed) {
            if (r.start() > pos) {
                kept.add(new ByteRange(pos, r.start() - pos));
            }
            pos = Math.max(pos, r.end());
        }
        if (pos < image.bytes().length) {
            kept.add(new ByteRange(pos, image.bytes().length - pos));
        }
        long at = image.insertionOffset();
        List<ByteRange> before = new ArrayList<>();
        List<ByteRange> after = new ArrayList<>();
        for (ByteRange r : kept) {
            if (r.end() <= at) {
                before.add(r);
            } else if (r.start() >= at) {
                after.add(r);
            } else {
                before.add(new ByteRange(r.start(), at - r.start()));
                after.add(new ByteRange(at, r.end() - at));
            }
        }
        return new EmbeddingPlan(image.bytes(), AssetHandlers.of(image.format()), before, after);
    }

    /** Where the carrier starts in the output: the data-hash exclusion's {@code start}. */
    public long insertionOffset() {
        return insertionOffset;
    }

    public long carrierLength(long storeLength) {
        return handler.carrierLength(storeLength);
    }

    public byte[] wrap(byte[] store) {
        return handler.wrapStore(store);
    }

    /** Feeds the output's bytes outside the carrier to {@code digest}: the value of a {@code c2pa.hash.data}. */
    public void digestKept(MessageDigest digest) {
        for (ByteRange r : before) {
            digest.update(source, (int) r.start(), (int) r.length());
        }
        for (ByteRange r : after) {
            digest.update(source, (int) r.start(), (int) r.length());
        }
    }

    public long keptLength() {
        return insertionOffset + after.stream().mapToLong(ByteRange::length).sum();
    }

    public void writeTo(OutputStream out, byte[] carrier) throws IOException {
        for (ByteRange r : before) {
            out.write(source, (int) r.start(), (int) r.length());
        }
        out.write(carrier);
        for (ByteRange r : after) {
            out.write(source, (int) r.start(), (int) r.length());
        }
    }

    public byte[] assemble(byte[] carrier) {
        long total = keptLength() + carrier.length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("output over 2 GB");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        try {
            writeTo(out, carrier);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
