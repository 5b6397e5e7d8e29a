package io.credmark.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * How a new manifest store goes into a file: every byte of the input is kept, in order, except any earlier C2PA
 * store, and the new carrier is inserted at one offset. Nothing is re-encoded, and nothing is copied until the
 * output is written, so a stamp holds one copy of the file in memory; none of its image data when the input is a
 * {@link ContainerSkeleton} ({@link #expanding}), whose placeholder is read from the file as the output streams.
 */
public final class EmbeddingPlan {

    private final byte[] source;
    private final AssetHandler handler;
    private final List<ByteRange> before;
    private final List<ByteRange> after;
    private final long insertionOffset;
    /** The skeleton whose placeholder {@link #placeholder} in {@link #source} stands for file bytes, or null. */
    private final ContainerSkeleton skeleton;
    private final ByteRange placeholder;

    private EmbeddingPlan(byte[] source, AssetHandler handler, List<ByteRange> before, List<ByteRange> after,
            ContainerSkeleton skeleton, ByteRange placeholder) {
        this.source = source;
        this.handler = handler;
        this.before = List.copyOf(before);
        this.after = List.copyOf(after);
        this.skeleton = skeleton;
        this.placeholder = placeholder;
        this.insertionOffset = before.stream().mapToLong(ByteRange::length).sum() + (placeholder != null
                && before.stream().anyMatch(r -> r.contains(placeholder)) ? growth(skeleton, placeholder) : 0);
    }

    private static long growth(ContainerSkeleton skeleton, ByteRange placeholder) {
        return skeleton.elided().length() - placeholder.length();
    }

    /**
     * This plan for the whole file of which the planned image is the (possibly rewritten) skeleton: the output has
     * the file's elided bytes where the skeleton has its placeholder.
     */
    public EmbeddingPlan expanding(ContainerSkeleton skeleton) {
        ByteRange at = skeleton.placeholderIn(source);
        boolean whole = java.util.stream.Stream.concat(before.stream(), after.stream()).anyMatch(r -> r.contains(at));
        if (!whole) {
            throw new IllegalStateException("the skeleton's placeholder is not kept whole");
        }
        return new EmbeddingPlan(source, handler, before, after, skeleton, at);
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
        return new EmbeddingPlan(image.bytes(), AssetHandlers.of(image.format()), before, after, null, null);
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
        try {
            for (ByteRange r : before) {
                copy(r, digest::update, digest::update);
            }
            for (ByteRange r : after) {
                copy(r, digest::update, digest::update);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long keptLength() {
        long kept = before.stream().mapToLong(ByteRange::length).sum() + after.stream().mapToLong(ByteRange::length)
                .sum();
        return kept + (placeholder == null ? 0 : growth(skeleton, placeholder));
    }

    public void writeTo(OutputStream out, byte[] carrier) throws IOException {
        for (ByteRange r : before) {
            copy(r, out::write, b -> out.write(b.array(), b.arrayOffset() + b.position(), b.remaining()));
        }
        out.write(carrier);
        for (ByteRange r : after) {
            copy(r, out::write, b -> out.write(b.array(), b.arrayOffset() + b.position(), b.remaining()));
        }
    }

    private interface ArraySink {
        void accept(byte[] b, int off, int len) throws IOException;
    }

    private interface BufferSink {
        void accept(ByteBuffer b) throws IOException;
    }

    /** Passes on range {@code r} of the source, with the file's elided bytes in place of the placeholder. */
    private void copy(ByteRange r, ArraySink array, BufferSink buffer) throws IOException {
        if (placeholder == null || !r.contains(placeholder)) {
            array.accept(source, (int) r.start(), (int) r.length());
            return;
        }
        array.accept(source, (int) r.start(), (int) (placeholder.start() - r.start()));
        try (FileChannel channel = FileChannel.open(skeleton.file(), StandardOpenOption.READ)) {
            if (channel.size() != skeleton.fileLength()) {
                throw new IOException(skeleton.file() + " changed while it was being stamped");
            }
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            long at = skeleton.elided().start();
            long end = skeleton.elided().end();
            while (at < end) {
                b.clear().limit((int) Math.min(b.capacity(), end - at));
                int n = channel.read(b, at);
                if (n <= 0) {
                    throw new IOException(skeleton.file() + " ended early while it was being stamped");
                }
                b.flip();
                buffer.accept(b);
                at += n;
            }
        }
        array.accept(source, (int) placeholder.end(), (int) (r.end() - placeholder.end()));
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
