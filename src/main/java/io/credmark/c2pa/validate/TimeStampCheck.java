package io.credmark.c2pa.validate;

import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.claim.Claim;
import io.credmark.c2pa.cose.CoseSign1;
import io.credmark.pki.TrustEvaluator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;

/**
 * Spec 2.2 §10.3.2.5 / §15.7: an RFC 3161 time-stamp on the signature. A good one fixes the time at which the
 * signing certificate must have been valid; any problem with it is only informational.
 */
final class TimeStampCheck {

    private TimeStampCheck() {
    }

    /** A time-stamp whose imprint matched; {@code trusted} when its TSA chains to an anchor. */
    record Stamp(Instant time, boolean trusted) {
    }

    static Optional<Stamp> check(CoseSign1 cose, Claim claim, TrustEvaluator trust, String url, StatusLog log) {
        return check(cose, claim.bytes(), trust, url, log);
    }

    /** As for a claim signature, for a COSE signature over {@code payload} (a CAWG identity's signer payload). */
    static Optional<Stamp> check(CoseSign1 cose, byte[] payload, TrustEvaluator trust, String url, StatusLog log) {
        Optional<byte[]> token = cose.timeStampToken();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        TimeStampToken tst;
        try {
            tst = readToken(token.get());
        } catch (Exception e) {
            log.add(StatusCode.TIMESTAMP_MALFORMED, url, "time-stamp token cannot be read");
            return Optional.empty();
        }
        byte[] imprint = tst.getTimeStampInfo().getMessageImprintDigest();
        String digestOid = tst.getTimeStampInfo().getMessageImprintAlgOID().getId();
        boolean matches = false;
        for (byte[] candidate : imprintCandidates(cose, payload)) {
            matches |= MessageDigest.isEqual(imprint, digest(digestOid, candidate));
        }
        if (!matches) {
            log.add(StatusCode.TIMESTAMP_MISMATCH, url, "time-stamp does not cover this signature");
            return Optional.empty();
        }
        Instant genTime = tst.getTimeStampInfo().getGenTime().toInstant();
        log.add(StatusCode.TIMESTAMP_VALIDATED, url, "timestamp message digest matched");
        List<X509Certificate> tsaChain = certificates(tst);
        boolean trusted = !tsaChain.isEmpty() && trust.evaluate(tsaChain, genTime).trusted();
        if (trusted) {
            log.add(StatusCode.TIMESTAMP_TRUSTED, url, "timestamp cert trusted");
        } else {
            log.add(StatusCode.TIMESTAMP_UNTRUSTED, url, "timestamp cert untrusted");
        }
        return Optional.of(new Stamp(genTime, trusted));
    }

    /** v2 time-stamps hold a bare token; v1 ({@code sigTst}) ones hold the whole RFC 3161 response. */
    private static TimeStampToken readToken(byte[] der) throws Exception {
        try {
            return new TimeStampToken(new CMSSignedData(der));
        } catch (Exception notAToken) {
            TimeStampToken fromResponse = new org.bouncycastle.tsp.TimeStampResponse(der).getTimeStampToken();
            if (fromResponse == null) {
                throw notAToken;
            }
            return fromResponse;
        }
    }

    /**
     * What the TSA may have stamped: for v2 time-stamps ({@code sigTst2}) the signature bytes; for v1 the claim,
     * each wrapped in a COSE countersignature structure.
     */
    private static List<byte[]> imprintCandidates(CoseSign1 cose, byte[] payload) {
        List<byte[]> candidates = new ArrayList<>();
        candidates.add(CoseSign1.counterSignatureData(cose.protectedBytes(), cose.signature()));
        candidates.add(counterSignature(cose.protectedBytes(), payload));
        candidates.add(CoseSign1.sigStructure(cose.protectedBytes(), payload));
        candidates.add(payload);
        return candidates;
    }

    private static byte[] counterSignature(byte[] protectedBytes, byte[] payload) {
        return new CborWriter().array(4).text("CounterSignature").bytes(protectedBytes).bytes(new byte[0])
                .bytes(payload).endArray().toByteArray();
    }

    private static byte[] digest(String oid, byte[] data) {
        String name = switch (oid) {
            case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
            case "1.3.14.3.2.26" -> "SHA-1";
            default -> null;
        };
        if (name == null) {
            return new byte[0];
        }
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            return new byte[0];
        }
    }

    private static List<X509Certificate> certificates(TimeStampToken tst) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        @SuppressWarnings("unchecked")
        Store<X509CertificateHolder> store = tst.getCertificates();
        X509CertificateHolder signerCert = null;
        for (X509CertificateHolder h : store.getMatches(null)) {
            if (tst.getSID().match(h)) {
                signerCert = h;
            }
        }
        try {
            if (signerCert != null) {
                out.add(converter.getCertificate(signerCert));
            }
            for (X509CertificateHolder h : store.getMatches(null)) {
                if (h != signerCert) {
                    out.add(converter.getCertificate(h));
                }
            }
        } catch (CertificateException e) {
            return List.of();
        }
        return out;
    }
}
