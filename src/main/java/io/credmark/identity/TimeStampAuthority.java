package io.credmark.identity;

import io.credmark.pki.SigningCredentials;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * credmark's built-in RFC 3161 time-stamping authority: answers time-stamp queries with tokens signed by a key whose
 * certificate the deployment's CA issued for timeStamping only. It stamps in-process for the deployment's own
 * signatures and, through {@code POST /tsa}, for its other signers.
 *
 * <p>Tokens carry the TSA's certificate chain (when the query asks, as C2PA signers do), an ESSCertIDv2 over SHA-256,
 * a random 128-bit serial number (RFC 3161 §2.4.2: unique per token, here without shared state between nodes) and
 * credmark's policy. The query's hash must be SHA-256 or stronger.
 */
public final class TimeStampAuthority {

    /** The policy the tokens name: a UUID-based OID (ITU-T X.667, arc 2.25), needing no registration. */
    public static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("2.25.308530894499899289619583317576098823816");
    /** Accepted message-imprint hashes: the SHA-2 family of at least 256 bits. */
    private static final java.util.Set<String> ACCEPTED = java.util.Set.of(TSPAlgorithms.SHA256.getId(),
            TSPAlgorithms.SHA384.getId(), TSPAlgorithms.SHA512.getId());

    private final SigningCredentials credentials;
    private final TimeStampResponseGenerator generator;
    private final Clock clock;
    private final SecureRandom random;

    public TimeStampAuthority(SigningCredentials credentials, Clock clock, SecureRandom random) {
        this.credentials = credentials;
        this.clock = clock;
        this.random = random;
        try {
            SignerInfoGenerator signerInfo = new JcaSimpleSignerInfoGeneratorBuilder()
                    .build(signatureAlgorithm(credentials.leaf()), credentials.privateKey(), credentials.leaf());
            DigestCalculator essCertIdDigest = new JcaDigestCalculatorProviderBuilder().build()
                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signerInfo, essCertIdDigest, POLICY);
            tokens.addCertificates(new JcaCertStore(credentials.chain()));
            this.generator = new TimeStampResponseGenerator(tokens, ACCEPTED);
        } catch (OperatorCreationException | CertificateEncodingException | TSPException e) {
            throw new IllegalStateException("the time-stamping key cannot be used: " + e.getMessage(), e);
        }
    }

    /** The authority's certificate, then its issuers up to (not including) the root. */
    public List<X509Certificate> chain() {
        return credentials.chain();
    }

    /**
     * Answers a DER-encoded TimeStampReq with a DER-encoded TimeStampResp (RFC 3161 §2.4): granted with a token,
     * or rejected with the reason (an unaccepted hash, a malformed query).
     */
    public byte[] respond(byte[] query) {
        try {
            TimeStampRequest request;
            try {
                request = new TimeStampRequest(query);
            } catch (IOException | RuntimeException e) {
                return generator.generateRejectedResponse(new TSPException("not a time-stamp query: "
                        + e.getMessage())).getEncoded();
            }
            try {
                request.validate(ACCEPTED, null, null);
            } catch (TSPValidationException e) {
                return generator.generateRejectedResponse(e).getEncoded();
            }
            return generator.generateGrantedResponse(request, serialNumber(), Date.from(clock.instant())).getEncoded();
        } catch (TSPException | IOException e) {
            return rejection(e.getMessage());
        }
    }

    private byte[] rejection(String reason) {
        try {
            return generator.generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.systemFailure, reason)
                    .getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("cannot encode a time-stamp rejection", e);
        }
    }

    private BigInteger serialNumber() {
        return new BigInteger(127, random).setBit(126);
    }

    private static String signatureAlgorithm(X509Certificate certificate) {
        return switch (certificate.getPublicKey().getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
        };
    }
}
