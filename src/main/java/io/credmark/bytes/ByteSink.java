package io.credmark.bytes;

import java.util.Arrays;

/** A growable byte buffer with big-endian writers: how boxes, chunks and segments are assembled. */
public final class ByteSink {

    private byte[] buf;
    private int size;

    public ByteSink() {
        this(256);
    }

    public ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public ByteSink u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteSink u16(int v) {
        ensure(2);
        BigEndian.putU16(buf, size, v);
        size += 2;
        return this;
    }

    public ByteSink u32(long v) {
        ensure(4);
        BigEndian.putU32(buf, size, v);
        size += 4;
        return this;
    }

    public ByteSink bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteSink bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public ByteSink ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            u8(s.charAt(i));
        }
        return this;
    }

    public int size() {
        return size;
    }

    /** Overwrites four bytes already written, e.g. a length field known only after the payload. */
    public void patchU32(int at, long v) {
        BigEndian.putU32(buf, at, v);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) size + n);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("buffer over 2 GB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
