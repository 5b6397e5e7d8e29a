package io.credmark.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.sign.TimeStamp;
import io.credmark.c2pa.sign.TimeStampUnavailableException;
import io.credmark.pki.CertificateProfile;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeStampAuthorityTest {

    @TempDir
    Path dir;

    /**
     * RFC 3161 §2.3 and the C2PA signer profile c2pa-rs applies to TSA certificates: timeStamping as the only,
     * critical purpose, digitalSignature, not a CA, SHA-256, issued by credmark's CA and trusted through its root.
     */
    @Test
    void theTsaCertificateHasTheTimeStampingProfile() throws Exception {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dir);
        X509Certificate tsa = ca.timeStampAuthority().leaf();
        X509CertificateHolder holder = new JcaX509CertificateHolder(tsa);

        Extension eku = holder.getExtension(Extension.extendedKeyUsage);
        assertTrue(eku.isCritical());
        assertArrayEquals(new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping},
                ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages());
        assertTrue(holder.getExtension(Extension.keyUsage).isCritical());
        assertTrue(tsa.getKeyUsage()[0], "digitalSignature");
        for (int i = 1; i < tsa.getKeyUsage().length; i++) {
            assertFalse(tsa.getKeyUsage()[i], "key usage bit " + i);
        }
        assertEquals(-1, tsa.getBasicConstraints(), "not a CA");
        assertEquals("SHA256withECDSA", tsa.getSigAlgName());
        assertEquals(List.of(), CertificateProfile.problems(tsa));
        assertEquals(ca.intermediate(), ca.timeStampAuthority().chain().get(1));
        assertTrue(new TrustEvaluator(TrustAnchors.of(ca.root())).evaluate(ca.timeStampAuthority().chain(),
                Instant.now()).trusted());
        // kept, not re-issued, by the next process
        assertEquals(tsa, DevelopmentCa.openOrCreate(dir).timeStampAuthority().leaf());
    }

    @Test
    void aQueryIsGrantedATokenOverItsImprintSignedByTheTsaWithItsChain() throws Exception {
        TimeStampAuthority authority = authority();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, digest, BigInteger.valueOf(42));

        TimeStampResponse response = new TimeStampResponse(authority.respond(request.getEncoded()));
        assertEquals(PKIStatus.GRANTED, response.getStatus());
        response.validate(request);
        TimeStampToken token = response.getTimeStampToken();
        X509Certificate tsa = authority.chain().get(0);
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        assertArrayEquals(digest, token.getTimeStampInfo().getMessageImprintDigest());
        assertEquals(BigInteger.valueOf(42), token.getTimeStampInfo().getNonce());
        assertEquals(TimeStampAuthority.POLICY, token.getTimeStampInfo().getPolicy());
        assertEquals(2, token.getCertificates().getMatches(null).size(), "TSA certificate and intermediate");
        Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
        assertTrue(Duration.between(genTime, Instant.now()).abs().toSeconds() < 60, genTime.toString());

        TimeStampResponse again = new TimeStampResponse(authority.respond(request.getEncoded()));
        assertNotEquals(token.getTimeStampInfo().getSerialNumber(),
                again.getTimeStampToken().getTimeStampInfo().getSerialNumber(), "serial numbers are unique");
    }

    @Test
    void weakHashesAndGarbageAreRejectedInAReply() throws Exception {
        TimeStampAuthority authority = authority();
        TimeStampRequest sha1 = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA1, new byte[20]);
        TimeStampResponse rejected = new TimeStampResponse(authority.respond(sha1.getEncoded()));
        assertEquals(PKIStatus.REJECTION, rejected.getStatus());
        assertEquals(PKIFailureInfo.badAlg, rejected.getFailInfo().intValue());
        assertNull(rejected.getTimeStampToken());

        TimeStampResponse garbage = new TimeStampResponse(authority.respond(new byte[] {0x30, 0x03, 1, 2, 3}));
        assertEquals(PKIStatus.REJECTION, garbage.getStatus());
        assertNull(garbage.getTimeStampToken());
    }

    /** The client asks with a nonce and checks the answer covers its own query. */
    @Test
    void theLocalClientGetsATokenOverTheSha256OfItsData() throws Exception {
        TimeStampClient client = TimeStampClient.local(authority());
        TimeStamp stamp = client.timeStamp(new byte[] {9, 9, 9});
        TimeStampToken token = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(stamp.token()));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(new byte[] {9, 9, 9}),
                token.getTimeStampInfo().getMessageImprintDigest());
        assertNotNull(token.getTimeStampInfo().getNonce());
        assertEquals(token.getTimeStampInfo().getGenTime().toInstant(), stamp.time());
        assertTrue(stamp.token().length <= client.reservedLength(), stamp.token().length + " > "
                + client.reservedLength());
    }

    @Test
    void anUnreachableTsaIsReportedAsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TimeStampClient client = TimeStampClient.http(URI.create("http://127.0.0.1:" + port + "/tsa"),
                Duration.ofSeconds(2));
        TimeStampUnavailableException e = assertThrows(TimeStampUnavailableException.class,
                () -> client.timeStamp(new byte[] {1}));
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    }

    private TimeStampAuthority authority() {
        return new TimeStampAuthority(DevelopmentCa.openOrCreate(dir).timeStampAuthority(), Clock.systemUTC(),
                new SecureRandom());
    }
}
