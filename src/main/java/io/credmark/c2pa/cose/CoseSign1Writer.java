package io.credmark.c2pa.cose;

import io.credmark.c2pa.cbor.CborWriter;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Builds C2PA claim signatures: the protected header, and the final COSE_Sign1 padded to an exact size so that the
 * manifest store keeps the length it was laid out with (spec 2.2 §10.3.2.5 reserves the space; c2pa-rs pads with
 * {@code pad} and, when one pad cannot reach the size, {@code pad2}).
 */
public final class CoseSign1Writer {

    private CoseSign1Writer() {
    }

    /** {@code {1: alg, 33: x5chain}}; a single certificate is written as a bare byte string, as c2pa-rs does. */
    public static byte[] protectedHeader(CoseAlgorithm algorithm, List<X509Certificate> chain) {
        CborWriter w = new CborWriter().map(2).key(1).integer(algorithm.id()).key(33);
        try {
            if (chain.size() == 1) {
                w.bytes(chain.get(0).getEncoded());
            } else {
                w.array(chain.size());
                for (X509Certificate c : chain) {
                    w.bytes(c.getEncoded());
                }
                w.endArray();
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        return w.endMap().toByteArray();
    }

    /** The size of the smallest COSE_Sign1 for this header and signature length: an empty {@code pad}. */
    public static int minimalSize(byte[] protectedBytes, int signatureLength) {
        return size(protectedBytes, 0, new byte[signatureLength], 0, -1);
    }

    /**
     * The tagged COSE_Sign1 with a detached payload, exactly {@code size} bytes long.
     *
     * @throws IllegalArgumentException when the signature does not fit in {@code size}
     */
    public static byte[] encode(byte[] protectedBytes, byte[] signature, int size) {
        return encode(protectedBytes, null, signature, size);
    }

    /**
     * As {@link #encode(byte[], byte[], int)}, with an RFC 3161 time-stamp token in the unprotected header as
     * {@code sigTst2: {tstTokens: [{val: token}]}} (spec 2.2 §10.3.2.5, v2 time-stamps), ahead of the padding.
     *
     * @param timeStampToken the DER TimeStampToken, or {@code null} for none
     */
    public static byte[] encode(byte[] protectedBytes, byte[] timeStampToken, byte[] signature, int size) {
        int tst = timeStampEntryLength(timeStampToken);
        // tag 18, array(4), protected bstr, nil payload, signature bstr, map header, the sigTst2 entry; pads below
        int fixed = 1 + 1 + bstrHeader(protectedBytes.length) + protectedBytes.length + 1
                + bstrHeader(signature.length) + signature.length + tst;
        int onePad = fixed + 1 + 4;
        for (int h : new int[] {1, 2, 3, 5}) {
            int n = size - onePad - h;
            if (n >= 0 && bstrHeader(n) == h) {
                return assemble(protectedBytes, timeStampToken, signature, n, -1);
            }
        }
        int twoPads = fixed + 1 + 4 + 5;
        for (int n2 = 0; n2 < 300; n2++) {
            for (int h : new int[] {1, 2, 3, 5}) {
                int n1 = size - twoPads - bstrHeader(n2) - n2 - h;
                if (n1 >= 0 && bstrHeader(n1) == h) {
                    return assemble(protectedBytes, timeStampToken, signature, n1, n2);
                }
            }
        }
        throw new IllegalArgumentException("signature of " + signature.length + " bytes"
                + (tst > 0 ? " and a time-stamp of " + tst + " bytes" : "") + " does not fit in " + size);
    }

    /** The length of the {@code "sigTst2": {...}} key and value in the unprotected map; 0 without a token. */
    private static int timeStampEntryLength(byte[] token) {
        if (token == null) {
            return 0;
        }
        return timeStampEntry(new CborWriter().map(1), token).endMap().toByteArray().length - 1;
    }

    private static CborWriter timeStampEntry(CborWriter w, byte[] token) {
        return w.key("sigTst2").map(1).key("tstTokens").array(1).map(1).key("val").bytes(token).endMap().endArray()
                .endMap();
    }

    private static byte[] assemble(byte[] protectedBytes, byte[] token, byte[] signature, int pad, int pad2) {
        CborWriter w = new CborWriter().tag(CoseSign1.TAG).array(4).bytes(protectedBytes);
        w.map((token != null ? 1 : 0) + (pad2 < 0 ? 1 : 2));
        if (token != null) {
            timeStampEntry(w, token);
        }
        w.key("pad").bytes(new byte[pad]);
        if (pad2 >= 0) {
            w.key("pad2").bytes(new byte[pad2]);
        }
        byte[] cose = w.endMap().nul().bytes(signature).endArray().toByteArray();
        if (cose.length != size(protectedBytes, timeStampEntryLength(token), signature, pad, pad2)) {
            throw new IllegalStateException("COSE_Sign1 size arithmetic is off");
        }
        return cose;
    }

    private static int size(byte[] protectedBytes, int tst, byte[] signature, int pad, int pad2) {
        int n = 1 + 1 + bstrHeader(protectedBytes.length) + protectedBytes.length + 1
                + bstrHeader(signature.length) + signature.length + tst + 1 + 4 + bstrHeader(pad) + pad;
        return pad2 < 0 ? n : n + 5 + bstrHeader(pad2) + pad2;
    }

    static int bstrHeader(int n) {
        return n < 24 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 5;
    }


}
