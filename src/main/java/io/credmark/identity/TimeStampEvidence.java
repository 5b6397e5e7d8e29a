package io.credmark.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;

/**
 * An RFC 3161 time-stamp token with the chain of the authority that signed it, down to its root: everything needed
 * to check, without the network, that some bytes existed no later than the token's time. The token alone carries
 * the TSA's certificate but not necessarily its issuers or root; the chain is completed from the anchors the
 * service knows when the evidence is made.
 *
 * @param token the DER TimeStampToken (a CMS SignedData)
 * @param chain the TSA's certificate first, then its issuers, ending with the root when known
 */
public record TimeStampEvidence(byte[] token, List<X509Certificate> chain) {

    public TimeStampEvidence {
        token = token.clone();
        chain = List.copyOf(chain);
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    /**
     * The token with its authority's chain: the certificates in the token, signer first, each followed by its
     * issuer, then the anchor among {@code anchors} that issued the last of them, if any.
     *
     * @throws IllegalArgumentException when {@code token} is not a time-stamp token
     */
    public static TimeStampEvidence of(byte[] token, TrustAnchors anchors) {
        TimeStampToken tst = read(token).orElseThrow(() -> new IllegalArgumentException("not a time-stamp token"));
        List<X509Certificate> carried = carried(tst);
        return new TimeStampEvidence(token, carried.stream().filter(c -> signedBy(tst, c)).findFirst()
                .map(signer -> CertificateChains.complete(signer, carried, anchors)).orElse(List.of()));
    }

    /** {@code {"token": base64, "time": ISO-8601, "authority": subject, "chain": [base64 DER, …]}}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("token", Base64.getEncoder().encodeToString(token));
        read(token).ifPresent(t -> n.put("time", t.getTimeStampInfo().getGenTime().toInstant().toString()));
        if (!chain.isEmpty()) {
            n.put("authority", chain.get(0).getSubjectX500Principal().getName());
        }
        n.set("chain", CertificateChains.toJson(chain));
        return n;
    }

    /**
     * Reads the form {@link #toJson()} writes; the token is read, not judged ({@link #check} does that).
     *
     * @param path where the object is in its document, for messages
     * @throws InvalidInputException naming the member that is missing or not base64 / DER
     */
    public static TimeStampEvidence parse(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw CertificateChains.invalid(path + ": expected an object with token and chain");
        }
        byte[] token = CertificateChains.base64(n.get("token"), path + ".token");
        List<X509Certificate> chain = CertificateChains.parse(n.get("chain"), path + ".chain");
        return new TimeStampEvidence(token, chain);
    }

    /**
     * Checks, offline, that the token is a time-stamp over {@code data} by the chain's first certificate, a valid
     * time-stamping certificate at the token's time, and that the chain holds up to its root; trusted when that root
     * (or a certificate on the way) is one of {@code trusted}.
     */
    public TimeStampVerdict check(byte[] data, TrustAnchors trusted) {
        Optional<TimeStampToken> read = read(token);
        if (read.isEmpty()) {
            return TimeStampVerdict.invalid("the time-stamp token cannot be read");
        }
        TimeStampToken tst = read.get();
        Instant time = tst.getTimeStampInfo().getGenTime().toInstant();
        Optional<String> algorithm = digestName(tst.getTimeStampInfo().getMessageImprintAlgOID().getId());
        if (algorithm.isEmpty()) {
            return TimeStampVerdict.invalid("the time-stamp token's imprint uses a hash other than SHA-256/384/512");
        }
        if (!MessageDigest.isEqual(digest(algorithm.get(), data), tst.getTimeStampInfo().getMessageImprintDigest())) {
            return TimeStampVerdict.invalid("the time-stamp token is over other data: what it covers was changed"
                    + " after it was time-stamped, or the token belongs to something else");
        }
        if (chain.isEmpty()) {
            return TimeStampVerdict.invalid("no certificate of the time-stamping authority comes with the token");
        }
        X509Certificate tsa = chain.get(0);
        String authority = tsa.getSubjectX500Principal().getName();
        if (!signedBy(tst, tsa)) {
            return TimeStampVerdict.invalid("the time-stamp token was not signed by the authority certificate given ("
                    + authority + "): wrong chain");
        }
        try {
            // the signature, the ESSCertID binding the certificate, its validity at genTime and its timeStamping EKU
            tst.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        } catch (Exception e) {
            return TimeStampVerdict.invalid("the time-stamp token does not verify with the authority certificate ("
                    + authority + "): " + e.getMessage());
        }
        X509Certificate root = CertificateChains.last(chain);
        if (!CertificateChains.selfIssued(root)) {
            return TimeStampVerdict.invalid("the authority's chain does not end at a root certificate (it ends at "
                    + root.getSubjectX500Principal().getName() + ")");
        }
        TrustEvaluator.Result holds = new TrustEvaluator(TrustAnchors.of(root)).evaluate(chain, time);
        if (!holds.trusted()) {
            return TimeStampVerdict.invalid("the authority's chain does not hold at " + time + ": " + holds.reason());
        }
        boolean isTrusted = !trusted.isEmpty() && new TrustEvaluator(trusted).evaluate(chain, time).trusted();
        return new TimeStampVerdict(true, isTrusted, Optional.of(time), authority,
                root.getSubjectX500Principal().getName(), fingerprint(root), List.of());
    }

    static Optional<TimeStampToken> read(byte[] der) {
        try {
            return Optional.of(new TimeStampToken(new CMSSignedData(der)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** SHA-256 of the certificate's DER, hex: what a creator compares with the anchors the service publishes. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(digest("SHA-256", certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate cannot be encoded", e);
        }
    }

    private static List<X509Certificate> carried(TimeStampToken tst) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        @SuppressWarnings("unchecked")
        Store<X509CertificateHolder> store = tst.getCertificates();
        for (X509CertificateHolder h : store.getMatches(null)) {
            try {
                out.add(converter.getCertificate(h));
            } catch (CertificateException e) {
                // an unreadable extra certificate does not make the token unusable
            }
        }
        return out;
    }

    private static boolean signedBy(TimeStampToken tst, X509Certificate certificate) {
        try {
            return tst.getSID().match(new X509CertificateHolder(certificate.getEncoded()));
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<String> digestName(String oid) {
        return Optional.ofNullable(switch (oid) {
            case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
            default -> null;
        });
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
