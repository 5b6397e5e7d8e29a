package io.credmark.pixels.png;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * The zlib stream that the IDAT chunks carry (PNG spec §10, RFC 1950), compressed in segments of whole rows that
 * run in parallel, as pigz does: each segment is raw deflate (RFC 1951) that ends on a sync flush (an empty stored
 * block, which leaves it on a byte boundary and not final), so the segments one after another are one deflate
 * stream; the Adler-32 of all filtered bytes closes it. Segments hold a fixed number of bytes, never one per core,
 * so a file comes out the same on any machine. Each starts without the previous one's window, which costs well
 * under one percent of size at this segment length.
 */
final class IdatCompressor {

    /** Filtered bytes a segment holds, at least one row. */
    static final int SEGMENT_BYTES = 1 << 18;
    /** Segments in flight at once: what the compression holds besides the image is about this many segments. */
    static final int WINDOW = 8;

    private record Segment(PngRaw.Pass pass, int firstRow, int rows, boolean last) {
    }

    private record Compressed(byte[] filtered, byte[] deflated) {
    }

    private final PngRaw raw;
    private final PngRows rows;
    private final int level;
    /** Whether rows take the filter libpng's heuristic picks; packed (sub-byte) and palette rows stay unfiltered. */
    private final boolean adaptive;

    IdatCompressor(PngRaw raw, PngRows rows, int level) {
        this.raw = raw;
        this.rows = rows;
        this.level = level;
        this.adaptive = raw.colourType != 3 && raw.bitDepth >= 8;
    }

    byte[] compress() {
        List<Segment> segments = segments();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(1 << 26, raw.rawLength() / 3 + 64));
        out.write(0x78); // deflate, 32 KiB window
        out.write(headerFlags(level));
        Adler32 adler = new Adler32();
        for (int from = 0; from < segments.size(); from += WINDOW) {
            List<Compressed> done = IntStream.range(from, Math.min(from + WINDOW, segments.size())).parallel()
                    .mapToObj(i -> compress(segments.get(i))).toList();
            for (Compressed c : done) {
                adler.update(c.filtered());
                out.writeBytes(c.deflated());
            }
        }
        long sum = adler.getValue();
        out.write((int) (sum >>> 24));
        out.write((int) (sum >>> 16));
        out.write((int) (sum >>> 8));
        out.write((int) sum);
        return out.toByteArray();
    }

    private List<Segment> segments() {
        List<PngRaw.Pass> passes = raw.passes();
        List<Segment> out = new ArrayList<>();
        for (int p = 0; p < passes.size(); p++) {
            PngRaw.Pass pass = passes.get(p);
            int perSegment = (int) Math.max(1, SEGMENT_BYTES / (raw.rowBytes(pass.width()) + 1));
            for (int k = 0; k < pass.height(); k += perSegment) {
                int n = Math.min(perSegment, pass.height() - k);
                out.add(new Segment(pass, k, n, p == passes.size() - 1 && k + n == pass.height()));
            }
        }
        return out;
    }

    private Compressed compress(Segment s) {
        int rowBytes = (int) raw.rowBytes(s.pass().width());
        int stride = raw.filterStride();
        byte[] filtered = new byte[s.rows() * (rowBytes + 1)];
        byte[] row = new byte[rowBytes];
        byte[] prior = new byte[rowBytes]; // zeros above the first row of a pass (PNG spec §9.2)
        byte[] paethRow = new byte[rowBytes];
        PngRows.Packer packer = rows.packer();
        if (s.firstRow() > 0) {
            packer.pack(s.pass(), s.firstRow() - 1, prior);
        }
        for (int k = 0, at = 0; k < s.rows(); k++, at += rowBytes + 1) {
            packer.pack(s.pass(), s.firstRow() + k, row);
            int type = adaptive ? PngRaw.chooseFilter(row, prior, rowBytes, stride, paethRow) : 0;
            filtered[at] = (byte) type;
            if (type == 4) {
                System.arraycopy(paethRow, 0, filtered, at + 1, rowBytes);
            } else {
                PngRaw.filter(row, prior, rowBytes, stride, type, filtered, at + 1);
            }
            byte[] t = prior;
            prior = row;
            row = t;
        }
        return new Compressed(filtered, deflate(filtered, s.last()));
    }

    private byte[] deflate(byte[] input, boolean last) {
        Deflater deflater = new Deflater(level, true);
        if (adaptive) {
            deflater.setStrategy(Deflater.FILTERED); // as libpng does for filtered rows
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 64);
        byte[] buf = new byte[1 << 16];
        try {
            deflater.setInput(input);
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buf, 0, deflater.deflate(buf));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length || !deflater.needsInput()); // a first call may only apply the strategy
            }
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** FLG of the zlib header: the level class (RFC 1950 §2.2 FLEVEL) and the check bits that make it valid. */
    static int headerFlags(int level) {
        int flevel = level == 1 ? 0 : level <= 5 ? 1 : level == 6 ? 2 : 3;
        int flg = flevel << 6;
        return flg + (31 - (0x78 * 256 + flg) % 31) % 31;
    }
}
