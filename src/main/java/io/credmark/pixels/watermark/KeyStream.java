package io.credmark.pixels.watermark;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Deterministic keyed pseudo-random stream: HMAC-SHA256(key, label ‖ counter) blocks. */
final class KeyStream {

    private final Mac mac;
    private final byte[] label;
    private long counter;
    private byte[] block = new byte[0];
    private int pos;

    KeyStream(byte[] key, String label) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.label = ("credmark-watermark/" + label).getBytes(StandardCharsets.UTF_8);
    }

    int nextByte() {
        if (pos == block.length) {
            mac.update(label);
            for (int i = 7; i >= 0; i--) {
                mac.update((byte) (counter >>> (8 * i)));
            }
            counter++;
            block = mac.doFinal();
            pos = 0;
        }
        return block[pos++] & 0xFF;
    }

    byte[] nextBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) nextByte();
        }
        return b;
    }

    int nextInt(int bound) {
        // rejection sampling on 31-bit values, so that the result is uniform
        int limit = Integer.MAX_VALUE - (Integer.MAX_VALUE % bound);
        while (true) {
            int v = ((nextByte() << 24) | (nextByte() << 16) | (nextByte() << 8) | nextByte()) & Integer.MAX_VALUE;
            if (v < limit) {
                return v % bound;
            }
        }
    }

    boolean nextBit() {
        return (nextByte() & 1) == 1;
    }
}
