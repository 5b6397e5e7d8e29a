package io.credmark.c2pa.cose;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.CborException;
import io.credmark.c2pa.CoseException;
import io.credmark.c2pa.cbor.CborReader;
import io.credmark.c2pa.cbor.CborWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A COSE_Sign1 as C2PA uses it for claim signatures (spec 2.2 §13.2, RFC 9052 §4.2): tagged, detached payload,
 * the algorithm and the certificate chain ({@code x5chain}, label 33) in the protected header.
 *
 * @param protectedBytes the protected header exactly as stored, which the signature covers
 */
public record CoseSign1(byte[] protectedBytes, JsonNode protectedHeader, JsonNode unprotectedHeader,
        byte[] signature) {

    static final int TAG = 18;
    private static final String X5CHAIN = "33";

    public static CoseSign1 parse(byte[] cbor) {
        if (cbor.length == 0 || (cbor[0] & 0xFF) != 0xD2) {
            throw new CoseException("claim signature is not a tagged COSE_Sign1");
        }
        JsonNode root;
        try {
            root = CborReader.read(cbor);
        } catch (CborException e) {
            throw new CoseException("claim signature is not well-formed CBOR: " + e.getMessage());
        }
        if (!root.isArray() || root.size() != 4 || !root.get(0).isBinary() || !root.get(1).isObject()
                || !root.get(3).isBinary()) {
            throw new CoseException("claim signature is not a COSE_Sign1 array");
        }
        try {
            byte[] protectedBytes = root.get(0).binaryValue();
            JsonNode protectedHeader = protectedBytes.length == 0
                    ? CborReader.read(new byte[] {(byte) 0xA0}) : CborReader.read(protectedBytes);
            if (!protectedHeader.isObject()) {
                throw new CoseException("COSE protected header is not a map");
            }
            return new CoseSign1(protectedBytes, protectedHeader, root.get(1), root.get(3).binaryValue());
        } catch (IOException | CborException e) {
            throw new CoseException("COSE protected header is malformed: " + e.getMessage());
        }
    }

    /** The numeric algorithm id from the protected header, if present. */
    public Optional<Long> algorithmId() {
        JsonNode alg = protectedHeader.get("1");
        return alg != null && alg.isIntegralNumber() ? Optional.of(alg.longValue()) : Optional.empty();
    }

    public Optional<CoseAlgorithm> algorithm() {
        return algorithmId().flatMap(CoseAlgorithm::byId);
    }

    /**
     * The signer's chain, leaf first. C2PA puts it under label 33 in the protected header; c2pa-rs also accepts the
     * text key {@code x5chain} and the unprotected bucket, so this reader does too.
     */
    public List<X509Certificate> certificateChain() {
        JsonNode chain = firstPresent(protectedHeader, unprotectedHeader);
        if (chain == null) {
            throw new CoseException("COSE header carries no x5chain");
        }
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            if (chain.isBinary()) {
                certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(chain.binaryValue())));
            } else if (chain.isArray() && chain.size() > 0) {
                for (JsonNode c : chain) {
                    if (!c.isBinary()) {
                        throw new CoseException("x5chain entry is not a byte string");
                    }
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.binaryValue())));
                }
            } else {
                throw new CoseException("x5chain is neither a certificate nor a list of them");
            }
        } catch (CertificateException | IOException e) {
            throw new CoseException("x5chain holds an unreadable certificate");
        }
        return certs;
    }

    private static JsonNode firstPresent(JsonNode... headers) {
        for (JsonNode h : headers) {
            if (h != null && h.has(X5CHAIN)) {
                return h.get(X5CHAIN);
            }
            if (h != null && h.has("x5chain")) {
                return h.get("x5chain");
            }
        }
        return null;
    }

    /** The RFC 3161 token of a v2 ({@code sigTst2}) or v1 ({@code sigTst}) time-stamp, if one is attached. */
    public Optional<byte[]> timeStampToken() {
        for (String key : new String[] {"sigTst2", "sigTst"}) {
            JsonNode tst = unprotectedHeader.path(key).path("tstTokens").path(0).path("val");
            if (tst.isBinary()) {
                try {
                    return Optional.of(tst.binaryValue());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What a v2 time-stamp ({@code sigTst2}) covers (spec 2.2 §10.3.2.5, RFC 9338 countersignature structure):
     * {@code ["CounterSignature", protected, h'', bstr(the signature bstr as CBOR)]}.
     */
    public static byte[] counterSignatureData(byte[] protectedBytes, byte[] signature) {
        byte[] signatureItem = new CborWriter().bytes(signature).toByteArray();
        return new CborWriter().array(4).text("CounterSignature").bytes(protectedBytes).bytes(new byte[0])
                .bytes(signatureItem).endArray().toByteArray();
    }

    /** Checks the signature over {@code payload} (the claim bytes) with the leaf certificate's key. */
    public boolean verify(CoseAlgorithm algorithm, X509Certificate leaf, byte[] payload) {
        try {
            Signature s = algorithm.newSignature();
            s.initVerify(leaf.getPublicKey());
            s.update(sigStructure(protectedBytes, payload));
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** RFC 9052 §4.4: {@code ["Signature1", protected, external_aad = h'', payload]}. */
    public static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
        return new CborWriter().array(4).text("Signature1").bytes(protectedBytes).bytes(new byte[0]).bytes(payload)
                .endArray().toByteArray();
    }
}
