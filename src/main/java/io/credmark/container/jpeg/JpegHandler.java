package io.credmark.container.jpeg;

import io.credmark.bytes.BigEndian;
import io.credmark.bytes.ByteSink;
import io.credmark.container.AssetHandler;
import io.credmark.container.ByteRange;
import io.credmark.container.ContainerProblem;
import io.credmark.container.ImageFormat;
import io.credmark.container.ImageHeader;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.container.XmpProvenance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JPEG: the manifest store is split over contiguous APP11 segments in the JPEG XT box format (ISO 19566-5 / C2PA
 * spec 2.2 §A.3.1): {@code 'JP' | En | Z | [LBox TBox repeated for Z > 1] | store bytes}. Segments go after the last
 * APP0, or after SOI when there is none, which is where c2pa-rs puts them.
 */
public final class JpegHandler implements AssetHandler {

    /** Store bytes per APP11 segment, as c2pa-rs writes them; keeps each segment well under the 65535 limit. */
    static final int STORE_BYTES_PER_SEGMENT = 64000;
    private static final int COMMON_IDENTIFIER = 0x4A50; // "JP"
    private static final int BOX_INSTANCE = 0x0211;
    private static final byte[] XMP_NAMESPACE = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);

    @Override
    public ImageFormat format() {
        return ImageFormat.JPEG;
    }

    @Override
    public ParsedImage read(byte[] file) {
        List<JpegSegment> segments = JpegSegmentReader.read(file);
        List<ContainerProblem> problems = new ArrayList<>();
        ImageHeader header = null;
        Optional<String> remote = Optional.empty();
        long insertAt = 2;
        boolean scanned = false;
        Map<Integer, StoreParts> stores = new LinkedHashMap<>();
        for (JpegSegment s : segments) {
            if (s.marker() == JpegSegment.SOS) {
                scanned = true;
            }
            if (s.marker() == JpegSegment.APP0 && !scanned) {
                insertAt = s.range().end();
            } else if (s.isStartOfFrame() && header == null) {
                header = frameHeader(file, s);
            } else if (s.marker() == JpegSegment.APP11) {
                collectStorePart(file, s, stores, problems);
            } else if (s.marker() == JpegSegment.APP1 && remote.isEmpty() && startsWith(file, s, XMP_NAMESPACE)) {
                int from = (int) s.payloadOffset() + XMP_NAMESPACE.length;
                int len = s.payloadLength() - XMP_NAMESPACE.length;
                remote = XmpProvenance.find(new String(file, from, len, StandardCharsets.UTF_8));
            }
        }
        if (header == null) {
            throw JpegSegmentReader.malformed("not a valid JPEG: no frame header (SOF)");
        }
        if (!scanned) {
            throw JpegSegmentReader.malformed("not a valid JPEG: no scan (SOS)");
        }
        List<ManifestStoreCarrier> carriers = new ArrayList<>();
        for (StoreParts parts : stores.values()) {
            carriers.add(parts.assemble());
        }
        return new ParsedImage(ImageFormat.JPEG, file, header, carriers, remote, problems, insertAt);
    }

    @Override
    public byte[] wrapStore(byte[] store) {
        ByteSink out = new ByteSink((int) carrierLength(store.length));
        int z = 1;
        for (int off = 0; off < store.length; off += STORE_BYTES_PER_SEGMENT, z++) {
            int chunk = Math.min(STORE_BYTES_PER_SEGMENT, store.length - off);
            int repeat = z == 1 ? 0 : 8;
            out.u8(0xFF).u8(JpegSegment.APP11).u16(2 + 8 + repeat + chunk);
            out.u16(COMMON_IDENTIFIER).u16(BOX_INSTANCE).u32(z);
            if (z > 1) {
                out.bytes(store, 0, 8); // continuation segments repeat the store's LBox and TBox
            }
            out.bytes(store, off, chunk);
        }
        return out.toByteArray();
    }

    @Override
    public long carrierLength(long storeLength) {
        long n = (storeLength + STORE_BYTES_PER_SEGMENT - 1) / STORE_BYTES_PER_SEGMENT;
        return storeLength + 12 * n + 8 * Math.max(0, n - 1);
    }

    private static ImageHeader frameHeader(byte[] file, JpegSegment sof) {
        if (sof.payloadLength() < 6) {
            throw JpegSegmentReader.malformed("not a valid JPEG: frame header at byte " + sof.offset() + " is too short");
        }
        int p = (int) sof.payloadOffset();
        int precision = file[p] & 0xFF;
        int height = BigEndian.u16(file, p + 1);
        int width = BigEndian.u16(file, p + 3);
        int components = file[p + 5] & 0xFF;
        if (width == 0 || height == 0 || components == 0 || sof.payloadLength() < 6 + 3 * components) {
            throw JpegSegmentReader.malformed("not a valid JPEG: frame header gives " + width + "x" + height
                    + " with " + components + " components");
        }
        StringBuilder d = new StringBuilder(switch (components) {
            case 1 -> "grayscale";
            case 3 -> "YCbCr";
            case 4 -> "CMYK";
            default -> components + " components";
        });
        if (components == 3) {
            d.append(' ').append(subsampling(file, p + 6));
        }
        d.append(", ").append(switch (sof.marker()) {
            case 0xC0 -> "baseline";
            case 0xC1 -> "extended sequential";
            case 0xC2 -> "progressive";
            case 0xC3 -> "lossless";
            default -> (sof.marker() >= 0xC9 ? "arithmetic" : "hierarchical") + " (SOF" + (sof.marker() - 0xC0) + ")";
        });
        return new ImageHeader(width, height, components, precision, d.toString());
    }

    private static String subsampling(byte[] file, int firstComponent) {
        int y = file[firstComponent + 1] & 0xFF;
        int c = file[firstComponent + 4] & 0xFF;
        int hr = (y >> 4) / Math.max(1, c >> 4);
        int vr = (y & 15) / Math.max(1, c & 15);
        if (hr == 1 && vr == 1) {
            return "4:4:4";
        }
        if (hr == 2 && vr == 1) {
            return "4:2:2";
        }
        if (hr == 2 && vr == 2) {
            return "4:2:0";
        }
        return "sampling " + (y >> 4) + "x" + (y & 15);
    }

    /** Groups C2PA APP11 segments by box instance number; other JPEG XT boxes are left alone. */
    private static void collectStorePart(byte[] file, JpegSegment s, Map<Integer, StoreParts> stores,
            List<ContainerProblem> problems) {
        int p = (int) s.payloadOffset();
        int len = s.payloadLength();
        if (len < 8 || BigEndian.u16(file, p) != COMMON_IDENTIFIER) {
            return;
        }
        int en = BigEndian.u16(file, p + 2);
        long z = BigEndian.u32(file, p + 4);
        StoreParts parts = stores.get(en);
        if (parts == null) {
            boolean c2paStore = z == 1 && len >= 28
                    && file[p + 12] == 'j' && file[p + 13] == 'u' && file[p + 14] == 'm' && file[p + 15] == 'b'
                    && file[p + 24] == 'c' && file[p + 25] == '2' && file[p + 26] == 'p' && file[p + 27] == 'a';
            if (c2paStore) {
                StoreParts created = new StoreParts(file, BigEndian.u32(file, p + 8));
                created.add(s, p + 8, len - 8);
                stores.put(en, created);
            }
            return;
        }
        if (z != parts.nextSequence || len < 16) {
            problems.add(new ContainerProblem(s.offset(), "C2PA APP11 segment out of sequence (Z=" + z + ", expected "
                    + parts.nextSequence + ")"));
        }
        if (len >= 16) {
            parts.add(s, p + 16, len - 16);
        }
    }

    private static boolean startsWith(byte[] file, JpegSegment s, byte[] prefix) {
        if (s.payloadLength() < prefix.length) {
            return false;
        }
        int p = (int) s.payloadOffset();
        for (int i = 0; i < prefix.length; i++) {
            if (file[p + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The pieces of one store, in segment order, until they are joined. */
    private static final class StoreParts {
        private final byte[] file;
        private final long declaredLength;
        private final List<ByteRange> segments = new ArrayList<>();
        private final List<int[]> pieces = new ArrayList<>();
        private long collected;
        private long nextSequence = 1;

        StoreParts(byte[] file, long declaredLength) {
            this.file = file;
            this.declaredLength = declaredLength;
        }

        void add(JpegSegment s, int from, int length) {
            segments.add(s.range());
            pieces.add(new int[] {from, length});
            collected += length;
            nextSequence++;
        }

        ManifestStoreCarrier assemble() {
            if (declaredLength != collected) {
                throw JpegSegmentReader.malformed("damaged C2PA store: its JUMBF box declares " + declaredLength
                        + " bytes but its APP11 segments carry " + collected);
            }
            byte[] jumbf = new byte[(int) collected];
            int at = 0;
            for (int[] piece : pieces) {
                System.arraycopy(file, piece[0], jumbf, at, piece[1]);
                at += piece[1];
            }
            return new ManifestStoreCarrier(jumbf, segments);
        }
    }
}
