package io.credmark.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DevelopmentCaTest {

    private static final String KEY_CERT_SIGN_AND_CRL_SIGN = "[false, false, false, false, false, true, true";

    @TempDir
    Path dataDir;

    @Test
    void rootIsASelfSignedTwentyYearCaWithAnInstallationSpecificName() throws Exception {
        Instant before = Instant.now();
        X509Certificate root = DevelopmentCa.openOrCreate(dataDir).root();

        root.verify(root.getPublicKey());
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertEquals(3, root.getVersion());
        assertEquals(KeyType.EC_P256, KeyType.of(root.getPublicKey()));
        assertEquals("SHA256withECDSA", root.getSigAlgName());
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
        assertTrue(root.getCriticalExtensionOIDs().containsAll(Set.of(Oids.BASIC_CONSTRAINTS, Oids.KEY_USAGE)));
        assertTrue(java.util.Arrays.toString(root.getKeyUsage()).startsWith(KEY_CERT_SIGN_AND_CRL_SIGN));
        assertNotNull(root.getExtensionValue(Oids.SUBJECT_KEY_IDENTIFIER));
        assertNotNull(root.getExtensionValue(Oids.AUTHORITY_KEY_IDENTIFIER));
        assertEquals("credmark development root CA", attribute(root, "CN"));
        assertEquals("credmark development", attribute(root, "O"));
        assertTrue(attribute(root, "OU").matches("[0-9a-f]{8}"), attribute(root, "OU"));
        assertBetween(before.minus(Duration.ofHours(1)), root.getNotBefore().toInstant(), Instant.now());
        assertBetween(before.plus(Duration.ofDays(20 * 365)), root.getNotAfter().toInstant(),
                Instant.now().plus(Duration.ofDays(20 * 366)));
    }

    @Test
    void intermediateIsIssuedByTheRootAndMayOnlyIssueEndEntities() throws Exception {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir);
        X509Certificate intermediate = ca.intermediate();

        intermediate.verify(ca.root().getPublicKey());
        assertEquals(0, intermediate.getBasicConstraints());
        assertTrue(intermediate.getCriticalExtensionOIDs().contains(Oids.BASIC_CONSTRAINTS));
        assertTrue(java.util.Arrays.toString(intermediate.getKeyUsage()).startsWith(KEY_CERT_SIGN_AND_CRL_SIGN));
        assertNotNull(intermediate.getExtensionValue(Oids.SUBJECT_KEY_IDENTIFIER));
        assertNotNull(intermediate.getExtensionValue(Oids.AUTHORITY_KEY_IDENTIFIER));
        assertEquals("credmark development", attribute(intermediate, "O"));
        assertEquals(attribute(ca.root(), "OU"), attribute(intermediate, "OU"));
        long years = Duration.between(intermediate.getNotBefore().toInstant(),
                intermediate.getNotAfter().toInstant()).toDays() / 365;
        assertEquals(10, years);
    }

    @Test
    void defaultSignerHasTheExactC2paProfile() throws Exception {
        Instant before = Instant.now();
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir);
        SigningCredentials signer = ca.signer();
        X509Certificate leaf = signer.leaf();

        assertEquals(KeyType.EC_P256, signer.keyType());
        assertEquals(List.of(leaf, ca.intermediate()), signer.chain(), "leaf then intermediate, never the root");
        assertEquals(List.of(), CertificateProfile.problems(leaf));
        leaf.verify(ca.intermediate().getPublicKey());
        assertEquals(3, leaf.getVersion());
        assertEquals("SHA256withECDSA", leaf.getSigAlgName());
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals(Set.of(Oids.BASIC_CONSTRAINTS, Oids.KEY_USAGE), leaf.getCriticalExtensionOIDs());
        assertTrue(leaf.getNonCriticalExtensionOIDs().contains(Oids.EXTENDED_KEY_USAGE));
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false},
                leaf.getKeyUsage());
        assertEquals(List.of(Oids.EKU_C2PA_CLAIM_SIGNING, Oids.EKU_DOCUMENT_SIGNING, Oids.EKU_EMAIL_PROTECTION),
                leaf.getExtendedKeyUsage());
        assertNotNull(leaf.getExtensionValue(Oids.SUBJECT_KEY_IDENTIFIER));
        assertNotNull(leaf.getExtensionValue(Oids.AUTHORITY_KEY_IDENTIFIER));
        assertEquals("credmark development", attribute(leaf, "O"));
        assertEquals("credmark development signer (EC P-256)", attribute(leaf, "CN"));
        assertTrue(leaf.getSerialNumber().signum() > 0);
        assertTrue(leaf.getSerialNumber().bitLength() >= 64, "serial has " + leaf.getSerialNumber().bitLength());
        assertBetween(before.minus(Duration.ofHours(1)).minusSeconds(2), leaf.getNotBefore().toInstant(),
                Instant.now().minus(Duration.ofHours(1)));
        // a year from now by default (rotation: keys rotate-signer)
        assertBetween(before.plus(Duration.ofDays(365)), leaf.getNotAfter().toInstant(),
                Instant.now().plus(Duration.ofDays(365)));
        assertTrue(KeyMatch.matches(signer.privateKey(), leaf.getPublicKey()));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void signersOfEveryKeyTypePassTheProfileAndAreTrusted(KeyType type) {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir);
        SigningCredentials signer = ca.signer(type);

        assertEquals(type, signer.keyType());
        assertEquals(type, KeyType.of(signer.leaf().getPublicKey()));
        assertEquals(List.of(), CertificateProfile.problems(signer.leaf()));
        assertTrue(attribute(signer.leaf(), "CN").contains(type.displayName()));
        assertTrue(new TrustEvaluator(TrustAnchors.of(ca.root())).evaluate(signer.chain(), Instant.now()).trusted());
    }

    @Test
    void reopeningReadsWhatExists() {
        DevelopmentCa first = DevelopmentCa.openOrCreate(dataDir);
        SigningCredentials firstSigner = first.signer();

        DevelopmentCa second = DevelopmentCa.openOrCreate(dataDir);

        assertEquals(first.root(), second.root());
        assertEquals(first.rootPem(), second.rootPem());
        assertEquals(first.intermediate(), second.intermediate());
        assertEquals(firstSigner.chain(), second.signer().chain());
        assertEquals(firstSigner.privateKey(), second.signer().privateKey());
        assertEquals(first.signer(), first.signer(), "cached");
    }

    @Test
    void twoInstallationsHaveDifferentRoots() throws Exception {
        DevelopmentCa one = DevelopmentCa.openOrCreate(dataDir.resolve("one"));
        DevelopmentCa two = DevelopmentCa.openOrCreate(dataDir.resolve("two"));

        assertNotEquals(one.root(), two.root());
        assertNotEquals(attribute(one.root(), "OU"), attribute(two.root(), "OU"));
    }

    @Test
    void rootPemIsTheRootCertificate() {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir);

        assertTrue(ca.rootPem().startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertEquals(List.of(ca.root()), TrustAnchors.fromPemText(ca.rootPem(), "root").certificates());
    }

    @Test
    void privateKeysAreOwnerOnlyAndCertificatesReadable() throws Exception {
        Path pki = dataDir.resolve("pki");
        assumeTrue(Files.getFileStore(dataDir).supportsFileAttributeView("posix"), "POSIX file system");

        DevelopmentCa.openOrCreate(dataDir).signer(KeyType.ED25519);

        List<String> keyFiles = List.of(DevelopmentCa.ROOT_KEY, DevelopmentCa.INTERMEDIATE_KEY,
                "signer-ed25519-key.pem");
        for (String keyFile : keyFiles) {
            assertEquals("rw-------", permissions(pki.resolve(keyFile)), keyFile);
            assertTrue(Files.readString(pki.resolve(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----"), keyFile);
        }
        for (String certificate : List.of(DevelopmentCa.ROOT_CERTIFICATE, DevelopmentCa.INTERMEDIATE_CERTIFICATE,
                "signer-ed25519.pem")) {
            assertEquals("rw-r--r--", permissions(pki.resolve(certificate)), certificate);
        }
        assertEquals("rwx------", permissions(pki));
        try (var files = Files.list(pki)) {
            assertTrue(files.noneMatch(file -> file.getFileName().toString().endsWith(".tmp")),
                    "no temporary files left behind");
        }
    }

    @Test
    void threadsOpeningTheSameDirectoryAtOnceShareOneCa() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<SigningCredentials>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<SigningCredentials> task = () -> {
                    start.await();
                    return DevelopmentCa.openOrCreate(dataDir).signer(KeyType.EC_P384);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            SigningCredentials first = results.get(0).get(60, TimeUnit.SECONDS);
            for (Future<SigningCredentials> result : results) {
                assertEquals(first.chain(), result.get(60, TimeUnit.SECONDS).chain());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void processesOpeningTheSameDirectoryAtOnceShareOneCa(@TempDir Path scratch) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path startFile = scratch.resolve("start");
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        DevelopmentCaProcess.class.getName(), dataDir.toString(), startFile.toString())
                        .redirectErrorStream(true)
                        .start());
            }
            List<BufferedReader> outputs = new ArrayList<>();
            for (Process process : processes) {
                BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("ready", output.readLine());
                outputs.add(output);
            }
            Files.createFile(startFile);

            List<String> serials = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS), "child process finished");
                String rest = outputs.get(i).lines().collect(Collectors.joining("\n"));
                assertEquals(0, processes.get(i).exitValue(), rest);
                serials.add(rest);
            }
            String here = DevelopmentCa.openOrCreate(dataDir).signer().leaf().getSerialNumber().toString(16);
            assertEquals(Collections.nCopies(processes.size(), here), serials);
        } finally {
            processes.forEach(Process::destroy);
        }
    }

    @Test
    void anExpiredSignerIsReissuedUnderTheSameRoot() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(6 * 366));
        DevelopmentCa then = DevelopmentCa.openOrCreate(dataDir, Clock.fixed(longAgo, ZoneOffset.UTC));
        SigningCredentials old = then.signer();

        DevelopmentCa now = DevelopmentCa.openOrCreate(dataDir);
        SigningCredentials renewed = now.signer();

        assertEquals(then.root(), now.root());
        assertEquals(then.intermediate(), now.intermediate(), "the intermediate is still valid");
        assertNotEquals(old.leaf(), renewed.leaf());
        assertFalse(CertificateProfile.validAt(old.leaf(), Instant.now()));
        assertTrue(CertificateProfile.validAt(renewed.leaf(), Instant.now()));
        assertEquals(renewed.chain(), DevelopmentCa.openOrCreate(dataDir).signer().chain());
    }

    @Test
    void rotatingIssuesANewSignerForTheValidityAskedAndMakesItCurrent() {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir);
        SigningCredentials old = ca.signer();
        Instant before = Instant.now();
        SigningCredentials rotated = ca.rotateSigner(KeyType.EC_P256, Duration.ofDays(30));

        assertNotEquals(old.leaf(), rotated.leaf());
        assertNotEquals(old.leaf().getPublicKey(), rotated.leaf().getPublicKey(), "a fresh key");
        assertBetween(before.plus(Duration.ofDays(30)), rotated.leaf().getNotAfter().toInstant(),
                Instant.now().plus(Duration.ofDays(30)));
        assertEquals(List.of(), CertificateProfile.problems(rotated.leaf()));
        assertEquals(rotated.chain(), ca.signer().chain());
        assertEquals(rotated.chain(), DevelopmentCa.openOrCreate(dataDir).signer().chain(), "on disk for others");
        assertThrows(IllegalArgumentException.class, () -> ca.rotateSigner(KeyType.EC_P256, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ca.rotateSigner(KeyType.EC_P256,
                Duration.ofDays(11 * 366)), "beyond the intermediate");
    }

    @Test
    void aDamagedFileIsReportedNotReplaced() throws Exception {
        DevelopmentCa.openOrCreate(dataDir);
        Path rootFile = dataDir.resolve("pki").resolve(DevelopmentCa.ROOT_CERTIFICATE);
        Files.writeString(rootFile, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DevelopmentCa.openOrCreate(dataDir));
        assertTrue(e.getMessage().contains(DevelopmentCa.ROOT_CERTIFICATE), e.getMessage());
        assertTrue(Files.readString(rootFile).contains("bm90IGEgY2VydA=="));
    }

    @Test
    void toStringNamesTheRoot() {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir);

        assertTrue(ca.toString().contains("credmark development root CA"), ca.toString());
        assertFalse(ca.signer().toString().contains("PRIVATE"));
    }

    static String attribute(X509Certificate certificate, String name) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        var rdns = subject.getRDNs(BCStyle.INSTANCE.attrNameToOID(name));
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static void assertBetween(Instant low, Instant actual, Instant high) {
        assertTrue(!actual.isBefore(low.minusSeconds(1)) && !actual.isAfter(high.plusSeconds(1)),
                actual + " not in " + low + " .. " + high);
    }
}
