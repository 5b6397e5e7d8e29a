package io.credmark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.issuance.StampRequest;
import io.credmark.pki.Pkcs11Credentials;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.ReportJson;
import io.credmark.verification.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing with a key that never leaves a PKCS#11 token: a real SoftHSM2 token (Debian's softhsm2 and opensc's
 * pkcs11-tool, installed by .ci/run), a P-256 key generated on it, a certificate from the development CA stored
 * beside it, and stamps that c2pa-rs calls Trusted.
 */
class HsmSigningIT {

    private static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String PIN = "5678";

    @TempDir
    Path dir;

    @Test
    void stampsAreSignedOnTheTokenAndTrusted() throws Exception {
        String conf = System.getenv("SOFTHSM2_CONF");
        assertNotNull(conf, "SOFTHSM2_CONF is set by the build (see pom.xml)");
        assertTrue(Files.exists(Path.of(MODULE)), "SoftHSM2 is not installed: apt-get install softhsm2 opensc");
        Path tokens = Path.of(conf).getParent().resolve("tokens");
        deleteRecursively(tokens);
        Files.createDirectories(tokens);
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\n");

        run("softhsm2-util", "--init-token", "--free", "--label", "credmark", "--so-pin", "1234", "--pin", PIN);
        run("pkcs11-tool", "--module", MODULE, "--token-label", "credmark", "--login", "--pin", PIN, "--keypairgen",
                "--key-type", "EC:prime256v1", "--id", "01", "--label", "signer");
        Path publicKeyFile = dir.resolve("public.der");
        run("pkcs11-tool", "--module", MODULE, "--token-label", "credmark", "--read-object", "--type", "pubkey",
                "--id", "01", "-o", publicKeyFile.toString());
        PublicKey publicKey = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicKeyFile)));

        TestInstallation ca = TestInstallation.in(dir.resolve("data"));
        List<X509Certificate> chain = ca.credmark().developmentCa().issueSigner(publicKey, "credmark HSM signer");
        Path leaf = dir.resolve("leaf.der");
        Files.write(leaf, chain.get(0).getEncoded());
        run("pkcs11-tool", "--module", MODULE, "--token-label", "credmark", "--login", "--pin", PIN,
                "--write-object", leaf.toString(), "--type", "cert", "--id", "01", "--label", "signer");
        Path chainPem = dir.resolve("chain.pem");
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : chain) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(chainPem, pem);
        Path sunPkcs11 = dir.resolve("pkcs11.cfg");
        Files.writeString(sunPkcs11, "name = SoftHSM\nlibrary = " + MODULE + "\nslotListIndex = 0\n");

        Pkcs11Credentials token = Pkcs11Credentials.open(sunPkcs11, PIN.toCharArray(), "signer");
        assertNull(token.privateKey().getEncoded(), "the private key cannot be exported from the token");

        TestInstallation hsm = TestInstallation.in(dir.resolve("data"), Map.of(
                "signer.pkcs11.config", sunPkcs11.toString(), "signer.pkcs11.pin", PIN,
                "signer.pkcs11.alias", "signer", "signer.certificates", chainPem.toString()));
        List<Path> outputs = new ArrayList<>();
        for (String input : List.of("testdata/images/rgb8.png", "testdata/images/progressive.jpg")) {
            byte[] stamped = hsm.credmark().stamping().stamp(
                    StampRequest.of(Corpus.bytes(input), TestInstallation.minimalProvenance())).toByteArray();
            VerificationReport ours = hsm.credmark().verification().verify(stamped);
            assertEquals(VerificationReport.Status.TRUSTED, ours.status(), ReportJson.failureCodes(ours).toString());
            assertEquals("credmark HSM signer", ours.validation().orElseThrow().manifest().signer().orElseThrow()
                    .commonName());
            Path out = dir.resolve("hsm-" + Path.of(input).getFileName());
            Files.write(out, stamped);
            outputs.add(out);
        }
        for (ReferenceVerdict v : ReferenceVerifier.create().withTrustAnchors(hsm.rootPem()).verify(outputs)) {
            assertTrue(v.isTrusted() && v.failureCodes().isEmpty(), v.summary());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed: apt-get install softhsm2 opensc", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + output);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
