package io.credmark.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialLoaderTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    private TestCertificates.Hierarchy hierarchy;

    @BeforeEach
    void createHierarchy() throws Exception {
        hierarchy = TestCertificates.hierarchy();
    }

    @Test
    void pemChainAndPkcs8KeyRoundTrip() throws Exception {
        Path chain = write("chain.pem", Pem.certificates(hierarchy.chain()));
        Path key = write("key.pem", Pem.privateKey(hierarchy.signer().key()));

        SigningCredentials credentials = CredentialLoader.fromPem(chain, key, null);

        assertEquals(hierarchy.chain(), credentials.chain());
        assertEquals(hierarchy.signer().key(), credentials.privateKey());
        assertEquals(KeyType.EC_P256, credentials.keyType());
    }

    @Test
    void chainInAnyOrderIsPutInOrderAndItsRootDropped() throws Exception {
        String pem = "Bundle exported by some tool\n"
                + Pem.certificate(hierarchy.root().certificate())
                + "subject=CN=Test Signer\n"
                + Pem.certificate(hierarchy.signer().certificate())
                + "\n# the intermediate\n"
                + Pem.certificate(hierarchy.intermediate().certificate());
        Path chain = write("chain.pem", pem);
        Path key = write("key.pem", Pem.privateKey(hierarchy.signer().key()));

        assertEquals(hierarchy.chain(), CredentialLoader.fromPem(chain, key, null).chain());
    }

    @Test
    void aSingleSelfSignedCertificateIsKeptAsTheLeaf() throws Exception {
        TestCertificates.Issued selfSigned = TestCertificates.signer("CN=Alone, O=Test").build();
        Path file = write("combined.pem", Pem.privateKey(selfSigned.key()) + Pem.certificate(selfSigned.certificate()));

        SigningCredentials credentials = CredentialLoader.fromPem(file, file, null);

        assertEquals(List.of(selfSigned.certificate()), credentials.chain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"es256", "ps256", "ed25519"})
    void loadsTheC2paRsTestCredentials(String name) {
        SigningCredentials credentials = CredentialLoader.fromPem(Path.of("testdata/pki/" + name + ".pub"),
                Path.of("testdata/pki/" + name + ".pem"), null);

        assertEquals(2, credentials.chain().size());
        assertEquals(switch (name) {
            case "es256" -> KeyType.EC_P256;
            case "ps256" -> KeyType.RSA_2048;
            default -> KeyType.ED25519;
        }, credentials.keyType());
        assertTrue(credentials.leaf().getSubjectX500Principal().getName().contains("CN=C2PA Signer"));
    }

    @Test
    void traditionalOpenSslKeysAreRead() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        for (KeyPair keys : List.of(bouncyCastleEcKeyPair(), rsa.generateKeyPair())) {
            TestCertificates.Issued signer = TestCertificates.signer("CN=Traditional, O=Test")
                    .keyPair(keys).issuedBy(hierarchy.intermediate()).build();
            String traditional = writePem(keys.getPrivate());
            assertTrue(traditional.startsWith("-----BEGIN EC PRIVATE KEY-----")
                    || traditional.startsWith("-----BEGIN RSA PRIVATE KEY-----"), traditional.substring(0, 40));
            Path chain = write("chain.pem", Pem.certificate(signer.certificate())
                    + Pem.certificate(hierarchy.intermediate().certificate()));

            SigningCredentials credentials = CredentialLoader.fromPem(chain, write("key.pem", traditional), null);

            assertEquals(KeyType.of(keys.getPublic()), credentials.keyType());
            assertEquals(signer.certificate(), credentials.leaf());
        }
    }

    @Test
    void encryptedPkcs8KeyNeedsTheRightPassword() throws Exception {
        Path chain = write("chain.pem", Pem.certificates(hierarchy.chain()));
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword(PASSWORD).build();
        String encrypted = writePem(new JcaPKCS8Generator(hierarchy.signer().key(), encryptor).generate());
        assertTrue(encrypted.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        Path key = write("key.pem", encrypted);

        assertEquals(hierarchy.signer().key(), CredentialLoader.fromPem(chain, key, PASSWORD).privateKey());

        InvalidInputException wrong = assertThrows(InvalidInputException.class,
                () -> CredentialLoader.fromPem(chain, key, "wrong password".toCharArray()));
        assertEquals(InvalidInputException.Kind.BAD_REQUEST, wrong.kind());
        assertTrue(wrong.getMessage().contains("wrong password"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("wrong password\""));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> CredentialLoader.fromPem(chain, key, null));
        assertTrue(missing.getMessage().contains("password is required"), missing.getMessage());
    }

    @Test
    void encryptedTraditionalKeyIsRead() throws Exception {
        KeyPair keys = bouncyCastleEcKeyPair();
        TestCertificates.Issued signer = TestCertificates.signer("CN=Traditional, O=Test")
                .keyPair(keys).issuedBy(hierarchy.intermediate()).build();
        Path chain = write("chain.pem", Pem.certificate(signer.certificate()));
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(keys.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC")
                    .setProvider(new BouncyCastleProvider()).build(PASSWORD));
        }
        assertTrue(text.toString().contains("Proc-Type: 4,ENCRYPTED"));
        Path key = write("key.pem", text.toString());

        assertEquals(signer.certificate(), CredentialLoader.fromPem(chain, key, PASSWORD).leaf());
        assertThrows(InvalidInputException.class,
                () -> CredentialLoader.fromPem(chain, key, "nope".toCharArray()));
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRejected() throws Exception {
        Path chain = write("chain.pem", Pem.certificates(hierarchy.chain()));
        Path otherKey = write("key.pem", Pem.privateKey(hierarchy.intermediate().key()));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CredentialLoader.fromPem(chain, otherKey, null));
        assertEquals(InvalidInputException.Kind.BAD_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());

        Path ed25519Key = write("ed.pem", Pem.privateKey(KeyType.ED25519.generateKeyPair(TestCertificates.RANDOM)
                .getPrivate()));
        assertTrue(assertThrows(InvalidInputException.class, () -> CredentialLoader.fromPem(chain, ed25519Key, null))
                .getMessage().contains("does not match"));
    }

    @Test
    void aCertificateOffTheChainIsRejected() throws Exception {
        TestCertificates.Issued stranger = TestCertificates.ca("CN=Stranger CA, O=Elsewhere").build();
        TestCertificates.Issued strangerChild = TestCertificates.ca("CN=Stranger Sub CA, O=Elsewhere")
                .issuedBy(stranger).build();
        Path chain = write("chain.pem", Pem.certificates(hierarchy.chain())
                + Pem.certificate(strangerChild.certificate()));
        Path key = write("key.pem", Pem.privateKey(hierarchy.signer().key()));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CredentialLoader.fromPem(chain, key, null));
        assertTrue(e.getMessage().contains("chain.pem"), e.getMessage());
    }

    @Test
    void shortRsaKeysAreRejectedWithTheirSize() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair keys = rsa.generateKeyPair();
        TestCertificates.Issued weak = TestCertificates.signer("CN=Weak, O=Test").keyPair(keys)
                .issuedBy(hierarchy.intermediate()).build();
        Path chain = write("chain.pem", Pem.certificate(weak.certificate()));
        Path key = write("key.pem", Pem.privateKey(keys.getPrivate()));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CredentialLoader.fromPem(chain, key, null));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void garbageIsAnInvalidInputNotSomeOtherFailure() throws Exception {
        Path good = write("good.pem", Pem.certificates(hierarchy.chain()));
        Path goodKey = write("good-key.pem", Pem.privateKey(hierarchy.signer().key()));
        byte[] random = new byte[2000];
        TestCertificates.RANDOM.nextBytes(random);
        Path binary = dir.resolve("random.bin");
        Files.write(binary, random);
        List<Path> garbage = List.of(
                write("empty.pem", ""),
                write("text.pem", "hello, I am not a certificate\n"),
                write("bad-base64.pem", "-----BEGIN CERTIFICATE-----\n!!!not base64***\n-----END CERTIFICATE-----\n"),
                write("not-der.pem", "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n"),
                write("bad-key.pem", "-----BEGIN PRIVATE KEY-----\naGVsbG8gd29ybGQ=\n-----END PRIVATE KEY-----\n"),
                write("unterminated.pem", "-----BEGIN PRIVATE KEY-----\naGVsbG8gd29ybGQ=\n"),
                write("unknown.pem", "-----BEGIN SOMETHING ELSE-----\naGVsbG8gd29ybGQ=\n-----END SOMETHING ELSE-----\n"),
                binary,
                dir.resolve("missing.pem"));

        for (Path file : garbage) {
            InvalidInputException asChain = assertThrows(InvalidInputException.class,
                    () -> CredentialLoader.fromPem(file, goodKey, null), file.toString());
            InvalidInputException asKey = assertThrows(InvalidInputException.class,
                    () -> CredentialLoader.fromPem(good, file, null), file.toString());
            for (InvalidInputException e : List.of(asChain, asKey)) {
                assertEquals(InvalidInputException.Kind.BAD_REQUEST, e.kind());
                assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
            assertThrows(InvalidInputException.class, () -> CredentialLoader.fromPkcs12(file, PASSWORD, null));
        }
    }

    @Test
    void pkcs12RoundTrip() throws Exception {
        Path p12 = pkcs12("signer", hierarchy.signer().key(), hierarchy.signer().certificate(),
                hierarchy.intermediate().certificate(), hierarchy.root().certificate());

        SigningCredentials credentials = CredentialLoader.fromPkcs12(p12, PASSWORD, null);

        assertEquals(hierarchy.chain(), credentials.chain(), "root dropped");
        assertEquals(hierarchy.signer().key(), credentials.privateKey());
        assertEquals(credentials.chain(), CredentialLoader.fromPkcs12(p12, PASSWORD, "signer").chain());
    }

    @Test
    void pkcs12ProblemsAreInvalidInput() throws Exception {
        Path p12 = pkcs12("signer", hierarchy.signer().key(), hierarchy.signer().certificate(),
                hierarchy.intermediate().certificate());

        InvalidInputException wrongPassword = assertThrows(InvalidInputException.class,
                () -> CredentialLoader.fromPkcs12(p12, "guess".toCharArray(), null));
        assertFalse(wrongPassword.getMessage().contains("guess"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> CredentialLoader.fromPkcs12(p12, PASSWORD, "nobody")).getMessage().contains("nobody"));
    }

    @Test
    void pkcs12WithSeveralKeysNeedsAnAlias() throws Exception {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dir.resolve("data"));
        SigningCredentials ec = ca.signer(KeyType.EC_P256);
        SigningCredentials ed = ca.signer(KeyType.ED25519);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ec", ec.privateKey(), PASSWORD, ec.chain().toArray(Certificate[]::new));
        store.setKeyEntry("ed", ed.privateKey(), PASSWORD, ed.chain().toArray(Certificate[]::new));
        Path p12 = dir.resolve("two.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, PASSWORD);
        }

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CredentialLoader.fromPkcs12(p12, PASSWORD, null));
        assertTrue(e.getMessage().contains("ec") && e.getMessage().contains("ed"), e.getMessage());
        assertEquals(ed.chain(), CredentialLoader.fromPkcs12(p12, PASSWORD, "ed").chain());
        assertEquals(KeyType.ED25519, CredentialLoader.fromPkcs12(p12, PASSWORD, "ed").keyType());
    }

    @Test
    void pkcs12KeyMustMatchItsCertificate() throws Exception {
        Path p12 = pkcs12("signer", hierarchy.intermediate().key(), hierarchy.signer().certificate(),
                hierarchy.intermediate().certificate());

        assertTrue(assertThrows(InvalidInputException.class, () -> CredentialLoader.fromPkcs12(p12, PASSWORD, null))
                .getMessage().contains("does not match"));
    }

    // The JDK's EC keys leave the curve out of the inner ECPrivateKey structure, so a traditional "EC PRIVATE KEY"
    // written from them would lack it; OpenSSL and Bouncy Castle keys carry it, as RFC 5915 recommends.
    private static KeyPair bouncyCastleEcKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new java.security.spec.ECGenParameterSpec("P-384"));
        return generator.generateKeyPair();
    }

    private Path pkcs12(String alias, PrivateKey key, X509Certificate... chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, PASSWORD, chain);
        Path file = dir.resolve(alias + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String writePem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
