package io.credmark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.pki.DevelopmentCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One real SoftHSM2 token for the tests of a JVM (Debian's softhsm2 and opensc's pkcs11-tool, installed by .ci/run):
 * initialised once, because SoftHSM2 reads its token directory when the first PKCS#11 provider of the process
 * initialises it. It holds the claim signer, a P-256 key made with pkcs11-tool, and its certificate from a
 * development CA of its own; tests read and write the token through pkcs11-tool as an operator would.
 */
public final class SoftHsm {

    public static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";
    public static final String PIN = "5678";
    public static final String SIGNER = "signer";
    private static final String TOKEN = "credmark";
    private static SoftHsm shared;

    private final Path dir;
    private final Path config;
    private final Path chainPem;
    private final Path rootPem;
    private final X509Certificate signerCertificate;

    private SoftHsm(Path dir, Path config, Path chainPem, Path rootPem, X509Certificate signerCertificate) {
        this.dir = dir;
        this.config = config;
        this.chainPem = chainPem;
        this.rootPem = rootPem;
        this.signerCertificate = signerCertificate;
    }

    /** The token, made on first use. */
    public static synchronized SoftHsm shared() {
        if (shared == null) {
            try {
                shared = create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    private static SoftHsm create() throws IOException, GeneralSecurityException {
        String conf = System.getenv("SOFTHSM2_CONF");
        assertNotNull(conf, "SOFTHSM2_CONF is set by the build (see pom.xml)");
        assertTrue(Files.exists(Path.of(MODULE)), "SoftHSM2 is not installed: apt-get install softhsm2 opensc");
        Path dir = Path.of(conf).getParent();
        Path tokens = dir.resolve("tokens");
        deleteRecursively(tokens);
        Files.createDirectories(tokens);
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\n");

        run("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--so-pin", "1234", "--pin", PIN);
        tool("--login", "--pin", PIN, "--keypairgen", "--key-type", "EC:prime256v1", "--id", "01", "--label",
                SIGNER);
        PublicKey publicKey = readPublicKey(dir, "--id", "01");

        Path caDir = dir.resolve("ca");
        deleteRecursively(caDir);
        DevelopmentCa ca = DevelopmentCa.openOrCreate(caDir);
        List<X509Certificate> chain = ca.issueSigner(publicKey, "credmark HSM signer");
        Path leaf = dir.resolve("signer.der");
        Files.write(leaf, chain.get(0).getEncoded());
        tool("--login", "--pin", PIN, "--write-object", leaf.toString(), "--type", "cert", "--id", "01", "--label",
                SIGNER);
        Path chainPem = Files.writeString(dir.resolve("signer-chain.pem"), pem(chain));
        Path rootPem = Files.writeString(dir.resolve("signer-root.pem"), ca.rootPem());
        Path config = Files.writeString(dir.resolve("pkcs11.cfg"), "name = SoftHSM\nlibrary = " + MODULE
                + "\nslotListIndex = 0\n");
        return new SoftHsm(dir, config, chainPem, rootPem, chain.get(0));
    }

    /** The SunPKCS11 configuration of the token. */
    public Path config() {
        return config;
    }

    /** The claim signer's certificate, as stored on the token. */
    public X509Certificate signerCertificate() {
        return signerCertificate;
    }

    /** The root that issued the claim signer's certificate, PEM: the trust anchor for what the token signs. */
    public Path signerRoot() {
        return rootPem;
    }

    /** The settings that sign with the token's claim signer ({@code signer.pkcs11.*}, the chain beside it). */
    public Map<String, String> signerSettings() {
        return Map.of("signer.pkcs11.config", config.toString(), "signer.pkcs11.pin", PIN,
                "signer.pkcs11.alias", SIGNER, "signer.certificates", chainPem.toString(),
                "trust.anchors", rootPem.toString());
    }

    /** The public key object on the token selected by pkcs11-tool's {@code selector} (e.g. --label L). */
    public PublicKey publicKey(String... selector) throws IOException, GeneralSecurityException {
        return readPublicKey(dir, selector);
    }

    private static PublicKey readPublicKey(Path dir, String... selector) throws IOException, GeneralSecurityException {
        Path out = Files.createTempFile(dir, "public", ".der");
        List<String> command = new ArrayList<>(List.of("--read-object", "--type", "pubkey"));
        command.addAll(List.of(selector));
        command.addAll(List.of("-o", out.toString()));
        tool(command.toArray(String[]::new));
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Files.readAllBytes(out)));
        Files.delete(out);
        return key;
    }

    /** pkcs11-tool's listing of the token's objects of {@code type} (privkey, pubkey, cert), logged in. */
    public String list(String type) throws IOException {
        return tool("--login", "--pin", PIN, "--list-objects", "--type", type);
    }

    /** Runs pkcs11-tool on the token; its output. */
    public static String tool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", MODULE, "--token-label", TOKEN));
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed: apt-get install softhsm2 opensc", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output;
    }

    private static String pem(List<X509Certificate> chain) throws GeneralSecurityException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : chain) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return pem.toString();
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
