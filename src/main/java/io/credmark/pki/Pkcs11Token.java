package io.credmark.pki;

import io.credmark.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A PKCS#11 token (an HSM, or SoftHSM2 in tests) opened through the JDK's SunPKCS11 provider and logged in: its
 * keys are found by alias, and new key pairs are made on it and never leave it.
 *
 * <p>The JDK's key store lists a private key only when a certificate with the same CKA_ID is on the token, and then
 * under that certificate's CKA_LABEL. So a key pair made here is labelled and ID'd with its alias (CKA_ID the alias's
 * UTF-8 bytes, as the key store writes it) and gets its certificate stored beside it under the same alias.
 */
public final class Pkcs11Token {

    private final String config;
    private final char[] pin;
    private final Provider provider;
    private final KeyStore store;

    private Pkcs11Token(String config, char[] pin, Provider provider, KeyStore store) {
        this.config = config;
        this.pin = pin == null ? null : pin.clone();
        this.provider = provider;
        this.store = store;
    }

    /**
     * @param config a SunPKCS11 configuration file ({@code name}, {@code library}, {@code slotListIndex} or
     *               {@code slot})
     */
    public static Pkcs11Token open(Path config, char[] pin) {
        if (!Files.isRegularFile(config)) {
            throw bad("the PKCS#11 configuration " + config.getFileName() + " does not exist");
        }
        String text;
        try {
            text = Files.readString(config, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw bad("the PKCS#11 configuration " + config.getFileName() + " cannot be read");
        }
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(config.toString());
        } catch (ProviderException | IllegalArgumentException e) {
            throw bad("the PKCS#11 module cannot be loaded with " + config.getFileName() + ": " + firstLine(e));
        }
        return new Pkcs11Token(text, pin, provider, loggedIn(provider, pin));
    }

    /** The provider every operation with this token's keys must go through. */
    public Provider provider() {
        return provider;
    }

    /**
     * The private key and certificate chain stored under {@code alias}. A key another process put on the token
     * since this one last looked is found too: a miss reads the token's objects again before it answers empty.
     */
    public synchronized Optional<Entry> entry(String alias) {
        try {
            Optional<Entry> found = read(alias);
            if (found.isEmpty()) {
                store.load(null, pin);
                found = read(alias);
            }
            return found;
        } catch (IOException e) {
            throw bad("the PKCS#11 token refused the PIN or cannot be read: " + firstLine(e));
        } catch (GeneralSecurityException e) {
            throw bad("the PKCS#11 token cannot be used: " + firstLine(e));
        }
    }

    /** Reads the token's objects again: keys removed or added by another process since are seen from now on. */
    public synchronized void reload() {
        try {
            store.load(null, pin);
        } catch (IOException | GeneralSecurityException e) {
            // the next look-up reads again and says what is wrong
        }
    }

    /** The aliases of the token's private keys that have a certificate. */
    public synchronized List<String> keyAliases() {
        try {
            List<String> keys = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    keys.add(a);
                }
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw bad("the PKCS#11 token cannot be used: " + firstLine(e));
        }
    }

    /**
     * Makes an EC P-256 key pair on the token under {@code alias}: both halves token objects with CKA_LABEL and
     * CKA_ID from the alias, the private key private, sensitive and not extractable (PKCS#11 3.0 §4.9), for signing
     * only. {@code certify} turns its public key into the certificate that is stored beside it.
     *
     * @return the stored key and its certificate
     * @throws IllegalStateException when the alias is taken or the token cannot make the key
     */
    public synchronized Entry generate(String alias, Function<PublicKey, X509Certificate> certify) {
        if (entry(alias).isPresent()) {
            throw new IllegalStateException("the PKCS#11 token already holds a key labelled " + alias);
        }
        try {
            // SunPKCS11 takes the attributes of generated keys from its configuration only, so the key pair is made
            // through a provider configured for this one key; both providers reach the same token and login
            Provider maker = Security.getProvider("SunPKCS11").configure("--" + config + keyTemplates(alias));
            KeyStore makerStore = loggedIn(maker, pin);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", maker);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            PublicKey publicKey = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
            X509Certificate certificate = certify.apply(publicKey);
            makerStore.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {certificate});
            return entry(alias).orElseThrow(() -> new IllegalStateException(
                    "the PKCS#11 token does not list the key it made under " + alias));
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("the PKCS#11 token cannot make a key labelled " + alias + ": "
                    + firstLine(e), e);
        }
    }

    /** A key on the token and the certificates stored with it, leaf first. */
    public record Entry(String alias, PrivateKey privateKey, List<X509Certificate> chain) {
        public Entry {
            chain = List.copyOf(chain);
        }

        public X509Certificate leaf() {
            return chain.get(0);
        }
    }

    private Optional<Entry> read(String alias) throws GeneralSecurityException {
        Key key = store.getKey(alias, null);
        Certificate[] certificates = store.getCertificateChain(alias);
        if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) {
            return Optional.empty();
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : certificates) {
            chain.add((X509Certificate) c);
        }
        return Optional.of(new Entry(alias, privateKey, chain));
    }

    private static String keyTemplates(String alias) {
        String id = "0h" + HexFormat.of().formatHex(alias.getBytes(StandardCharsets.UTF_8));
        return "\nattributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {\n CKA_TOKEN = true\n CKA_PRIVATE = true\n"
                + " CKA_SENSITIVE = true\n CKA_EXTRACTABLE = false\n CKA_SIGN = true\n CKA_DERIVE = false\n"
                + " CKA_LABEL = " + id + "\n CKA_ID = " + id + "\n}\n"
                + "attributes(generate, CKO_PUBLIC_KEY, CKK_EC) = {\n CKA_TOKEN = true\n CKA_PRIVATE = false\n"
                + " CKA_VERIFY = true\n CKA_LABEL = " + id + "\n CKA_ID = " + id + "\n}\n";
    }

    private static KeyStore loggedIn(Provider provider, char[] pin) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            return store;
        } catch (IOException e) {
            throw bad("the PKCS#11 token refused the PIN or cannot be read: " + firstLine(e));
        } catch (GeneralSecurityException e) {
            throw bad("the PKCS#11 token cannot be used: " + firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }

    private static InvalidInputException bad(String message) {
        return new InvalidInputException(InvalidInputException.Kind.BAD_REQUEST, message);
    }

    @Override
    public String toString() {
        return "Pkcs11Token[" + provider.getName() + "]";
    }
}
