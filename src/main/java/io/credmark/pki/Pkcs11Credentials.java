package io.credmark.pki;

import io.credmark.InvalidInputException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A signing key that never leaves a PKCS#11 token (an HSM, or SoftHSM2 in tests), reached through the JDK's
 * SunPKCS11 provider. The token must hold the key's certificate under the same CKA_ID, or the JDK's key store does
 * not list the key at all.
 *
 * @param provider the configured provider, through which every signature with this key must go
 */
public record Pkcs11Credentials(Provider provider, PrivateKey privateKey, List<X509Certificate> chain) {

    /** The start of the labels of creators' identity keys on the token, which are never the claim signer. */
    public static final String IDENTITY_KEY_PREFIX = "credmark-identity-";

    public Pkcs11Credentials {
        chain = List.copyOf(chain);
    }

    /**
     * @param config a SunPKCS11 configuration file ({@code name}, {@code library}, {@code slotListIndex} or
     *               {@code slot})
     * @param alias  the key's alias (its CKA_LABEL), or {@code null} for the only key on the token
     */
    public static Pkcs11Credentials open(Path config, char[] pin, String alias) {
        return of(Pkcs11Token.open(config, pin), alias);
    }

    /**
     * The signer's key on an open token.
     *
     * @param alias the key's alias (its CKA_LABEL), or {@code null} for the only key on the token besides creators'
     *              identity keys
     */
    public static Pkcs11Credentials of(Pkcs11Token token, String alias) {
        String chosen = alias != null ? alias : onlyKey(token);
        Pkcs11Token.Entry entry = token.entry(chosen).orElseThrow(() -> bad(
                "the token holds no private key with a certificate under the alias '" + chosen + "'"));
        return new Pkcs11Credentials(token.provider(), entry.privateKey(), entry.chain());
    }

    private static String onlyKey(Pkcs11Token token) {
        List<String> keys = token.keyAliases().stream().filter(a -> !a.startsWith(IDENTITY_KEY_PREFIX)).toList();
        if (keys.size() != 1) {
            throw bad("the token holds " + keys.size() + " keys; name one with signer.pkcs11.alias");
        }
        return keys.get(0);
    }

    private static InvalidInputException bad(String message) {
        return new InvalidInputException(InvalidInputException.Kind.BAD_REQUEST, message);
    }

    @Override
    public String toString() {
        return "Pkcs11Credentials[" + provider.getName() + ", " + chain.get(0).getSubjectX500Principal().getName() + "]";
    }
}
