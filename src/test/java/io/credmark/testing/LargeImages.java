package io.credmark.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Large image files made quickly, for tests of what is done without decoding pixels. */
public final class LargeImages {

    private LargeImages() {
    }

    /**
     * An 8-bit RGB PNG of random pixels, deflated at level 0 so that writing it is quick (3 bytes a pixel), its image
     * data split into IDAT chunks of {@code idatBytes}, with a tEXt chunk after them.
     */
    public static Path noisePng(Path file, int width, int height, int idatBytes) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Random random = new Random(1);
        byte[] row = new byte[1 + width * 3];
        try (OutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.NO_COMPRESSION), 1 << 16)) {
            for (int y = 0; y < height; y++) {
                random.nextBytes(row);
                row[0] = 0; // filter: none
                z.write(row);
            }
        }
        byte[] data = idat.toByteArray();
        try (DataOutputStream png = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(file), 1 << 16))) {
            signatureAndHeader(png, width, height);
            for (int at = 0; at < data.length; at += idatBytes) {
                chunk(png, "IDAT", data, at, Math.min(idatBytes, data.length - at));
            }
            byte[] text = "Comment\0written after the image data".getBytes(StandardCharsets.ISO_8859_1);
            chunk(png, "tEXt", text, 0, text.length);
            chunk(png, "IEND", new byte[0], 0, 0);
        }
        return file;
    }

    /** The PNG signature and an IHDR for 8-bit RGB, not interlaced. */
    private static void signatureAndHeader(DataOutputStream png, int width, int height) throws IOException {
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0});
        chunk(png, "IHDR", ihdr.toByteArray(), 0, 13);
    }

    /**
     * As {@link #noisePng}, written as it is made: the image data goes out in IDAT chunks of 1 MiB while its rows
     * are generated, so a file of any size costs a few megabytes of memory.
     */
    public static Path streamedNoisePng(Path file, int width, int height) throws IOException {
        try (DataOutputStream png = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(file), 1 << 16))) {
            signatureAndHeader(png, width, height);
            Random random = new Random(1);
            byte[] row = new byte[1 + width * 3];
            try (OutputStream z = new DeflaterOutputStream(new IdatChunks(png, 1 << 20),
                    new Deflater(Deflater.NO_COMPRESSION), 1 << 16)) {
                for (int y = 0; y < height; y++) {
                    random.nextBytes(row);
                    row[0] = 0; // filter: none
                    z.write(row);
                }
            }
            chunk(png, "IEND", new byte[0], 0, 0);
        }
        return file;
    }

    /** Cuts what is written to it into IDAT chunks of a fixed size; closing it writes the last one. */
    private static final class IdatChunks extends OutputStream {
        private final DataOutputStream png;
        private final byte[] buffer;
        private int size;

        IdatChunks(DataOutputStream png, int chunkBytes) {
            this.png = png;
            this.buffer = new byte[chunkBytes];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buffer.length - size);
                System.arraycopy(b, off, buffer, size, n);
                size += n;
                off += n;
                len -= n;
                if (size == buffer.length) {
                    chunk(png, "IDAT", buffer, 0, size);
                    size = 0;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (size > 0) {
                chunk(png, "IDAT", buffer, 0, size);
                size = 0;
            }
        }
    }

    private static void chunk(DataOutputStream png, String type, byte[] data, int off, int len) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        png.writeInt(len);
        png.write(name);
        png.write(data, off, len);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, off, len);
        png.writeInt((int) crc.getValue());
    }
}
