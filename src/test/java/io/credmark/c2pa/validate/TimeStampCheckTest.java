package io.credmark.c2pa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.claim.Claim;
import io.credmark.c2pa.claim.ClaimWriter;
import io.credmark.c2pa.claim.HashedUri;
import io.credmark.c2pa.cose.CoseAlgorithm;
import io.credmark.c2pa.cose.CoseSign1;
import io.credmark.c2pa.cose.CoseSign1Writer;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guide §3.2 and spec 2.2 §10.3.2.5: a v2 time-stamp ({@code sigTst2}) is an RFC 3161 token over the COSE
 * countersignature structure of the claim signature; every problem with it is informational only. Tokens come from
 * a real TSA implementation (BouncyCastle TSP) under a test CA.
 */
class TimeStampCheckTest {

    private static final String URL = "self#jumbf=/c2pa/urn:c2pa:test/c2pa.signature";
    private static final Instant GEN_TIME = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    static X509Certificate root;
    static X509Certificate tsa;
    static TimeStampTokenGenerator tokens;
    static Claim claim;
    static byte[] protectedHeader;
    static byte[] signature;

    @BeforeAll
    static void tsa() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair rootKeys = ec.generateKeyPair();
        KeyPair tsaKeys = ec.generateKeyPair();
        Instant from = Instant.now().minus(Duration.ofDays(1));
        Instant to = Instant.now().plus(Duration.ofDays(30));
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X500Name rootName = new X500Name("CN=Test TSA Root, O=Test");
        var rootBuilder = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(from), Date.from(to),
                rootName, rootKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(rootKeys.getPublic()));
        var signWithRoot = new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate());
        root = new JcaX509CertificateConverter().getCertificate(rootBuilder.build(signWithRoot));
        var tsaBuilder = new JcaX509v3CertificateBuilder(root, BigInteger.TWO, Date.from(from), Date.from(to),
                new X500Name("CN=Test TSA, O=Test"), tsaKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(root))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(tsaKeys.getPublic()));
        tsa = new JcaX509CertificateConverter().getCertificate(tsaBuilder.build(signWithRoot));
        tokens = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA",
                tsaKeys.getPrivate(), tsa), new JcaDigestCalculatorProviderBuilder().build().get(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier("1.2.3.4.1"));
        tokens.addCertificates(new JcaCertStore(List.of(tsa, root)));

        claim = Claim.parse(Claim.LABEL_V2, ClaimWriter.encode("xmp:iid:1", new ClaimWriter.GeneratorInfo("t", "1"),
                URL, List.of(new HashedUri("self#jumbf=c2pa.assertions/c2pa.hash.data", null, new byte[32])),
                List.of(), null, "sha256"));
        protectedHeader = CoseSign1Writer.protectedHeader(CoseAlgorithm.ES256, List.of(tsa));
        signature = new byte[64];
        new java.security.SecureRandom().nextBytes(signature);
    }

    @Test
    void aTokenOverTheSignatureFromAnAnchoredTsaIsValidatedAndTrusted() throws Exception {
        StatusLog log = new StatusLog();
        Optional<TimeStampCheck.Stamp> stamp = TimeStampCheck.check(cose(token(counterSignature())), claim,
                new TrustEvaluator(TrustAnchors.of(root)), URL, log);
        assertEquals(List.of("timeStamp.validated", "timeStamp.trusted"), codes(log));
        assertEquals(new TimeStampCheck.Stamp(GEN_TIME, true), stamp.orElseThrow());
        assertTrue(log.entries().stream().allMatch(e -> e.kind() == StatusEntry.Kind.SUCCESS && e.url().equals(URL)));
    }

    @Test
    void aTokenFromAnUnknownTsaIsValidatedButUntrustedWhichIsInformational() throws Exception {
        StatusLog log = new StatusLog();
        Optional<TimeStampCheck.Stamp> stamp = TimeStampCheck.check(cose(token(counterSignature())), claim,
                new TrustEvaluator(TrustAnchors.none()), URL, log);
        assertEquals(List.of("timeStamp.validated", "timeStamp.untrusted"), codes(log));
        assertFalse(stamp.orElseThrow().trusted());
        assertEquals(StatusEntry.Kind.INFORMATIONAL, log.entries().get(1).kind());
        assertTrue(log.of(StatusEntry.Kind.FAILURE).isEmpty());
    }

    @Test
    void aTokenOverOtherBytesIsTimeStampMismatchWhichIsInformational() throws Exception {
        StatusLog log = new StatusLog();
        Optional<TimeStampCheck.Stamp> stamp = TimeStampCheck.check(cose(token("something else".getBytes())), claim,
                new TrustEvaluator(TrustAnchors.of(root)), URL, log);
        assertEquals(List.of("timeStamp.mismatch"), codes(log));
        assertTrue(stamp.isEmpty());
        assertEquals(StatusEntry.Kind.INFORMATIONAL, log.entries().get(0).kind());
    }

    @Test
    void aTokenThatIsNotDerIsTimeStampMalformedWhichIsInformational() {
        StatusLog log = new StatusLog();
        Optional<TimeStampCheck.Stamp> stamp = TimeStampCheck.check(cose(new byte[] {0x30, 0x03, 1, 2, 3}), claim,
                new TrustEvaluator(TrustAnchors.of(root)), URL, log);
        assertEquals(List.of("timeStamp.malformed"), codes(log));
        assertTrue(stamp.isEmpty());
        assertEquals(StatusEntry.Kind.INFORMATIONAL, log.entries().get(0).kind());
    }

    @Test
    void aSignatureWithoutATimeStampLogsNothing() {
        StatusLog log = new StatusLog();
        CoseSign1 plain = CoseSign1.parse(CoseSign1Writer.encode(protectedHeader, signature,
                CoseSign1Writer.minimalSize(protectedHeader, signature.length)));
        assertTrue(TimeStampCheck.check(plain, claim, new TrustEvaluator(TrustAnchors.of(root)), URL, log).isEmpty());
        assertTrue(log.entries().isEmpty());
    }

    /** Guide §3.2: {@code ["CounterSignature", protected, h'', bstr(signature)]} as CBOR. */
    private static byte[] counterSignature() {
        byte[] signatureItem = new CborWriter().bytes(signature).toByteArray();
        return new CborWriter().array(4).text("CounterSignature").bytes(protectedHeader).bytes(new byte[0])
                .bytes(signatureItem).endArray().toByteArray();
    }

    private static byte[] token(byte[] stamped) throws Exception {
        TimeStampRequestGenerator request = new TimeStampRequestGenerator();
        request.setCertReq(true);
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest(stamped);
        return tokens.generate(request.generate(TSPAlgorithms.SHA256, imprint), BigInteger.TEN, Date.from(GEN_TIME))
                .getEncoded();
    }

    /** A COSE_Sign1 (tag 18) with the token under {@code sigTst2} in the unprotected header. */
    private static CoseSign1 cose(byte[] token) {
        CborWriter w = new CborWriter().tag(18).array(4).bytes(protectedHeader).map(1).key("sigTst2").map(1)
                .key("tstTokens").array(1).map(1).key("val").bytes(token).endMap().endArray().endMap().endMap()
                .nul().bytes(signature).endArray();
        return CoseSign1.parse(w.toByteArray());
    }

    private static List<String> codes(StatusLog log) {
        return log.entries().stream().map(StatusEntry::code).toList();
    }
}
