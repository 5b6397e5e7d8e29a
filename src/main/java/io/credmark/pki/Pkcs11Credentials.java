package io.credmark.pki;

import io.credmark.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A signing key that never leaves a PKCS#11 token (an HSM, or SoftHSM2 in tests), reached through the JDK's
 * SunPKCS11 provider. The token must hold the key's certificate under the same CKA_ID, or the JDK's key store does
 * not list the key at all.
 *
 * @param provider the configured provider, through which every signature with this key must go
 */
public record Pkcs11Credentials(Provider provider, PrivateKey privateKey, List<X509Certificate> chain) {

    public Pkcs11Credentials {
        chain = List.copyOf(chain);
    }

    /**
     * @param config a SunPKCS11 configuration file ({@code name}, {@code library}, {@code slotListIndex} or
     *               {@code slot})
     * @param alias  the key's alias (its CKA_LABEL), or {@code null} for the only key on the token
     */
    public static Pkcs11Credentials open(Path config, char[] pin, String alias) {
        if (!Files.isRegularFile(config)) {
            throw bad("the PKCS#11 configuration " + config.getFileName() + " does not exist");
        }
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(config.toString());
        } catch (ProviderException | IllegalArgumentException e) {
            throw bad("the PKCS#11 module cannot be loaded with " + config.getFileName() + ": " + firstLine(e));
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            String chosen = alias != null ? alias : onlyKey(store);
            Key key = store.getKey(chosen, null);
            Certificate[] certificates = store.getCertificateChain(chosen);
            if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) {
                throw bad("the token holds no private key with a certificate under the alias '" + chosen + "'");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certificates) {
                chain.add((X509Certificate) c);
            }
            return new Pkcs11Credentials(provider, privateKey, chain);
        } catch (IOException e) {
            throw bad("the PKCS#11 token refused the PIN or cannot be read: " + firstLine(e));
        } catch (GeneralSecurityException e) {
            throw bad("the PKCS#11 token cannot be used: " + firstLine(e));
        }
    }

    private static String onlyKey(KeyStore store) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                keys.add(a);
            }
        }
        if (keys.size() != 1) {
            throw bad("the token holds " + keys.size() + " keys; name one with signer.pkcs11.alias");
        }
        return keys.get(0);
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
        return "Pkcs11Credentials[" + provider.getName() + ", " + chain.get(0).getSubjectX500Principal().getName() + "]";
    }
}
