package io.credmark.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a signer needs: its private key and the certificate chain to publish with each signature.
 *
 * @param privateKey the signing key; never printed
 * @param chain the end-entity certificate first, then its intermediates in issuing order; never the root, since
 *        verifiers must take roots from their own trust anchors, not from the signed object
 * @param keyType the kind of key, which the leaf's public key has too
 */
public record SigningCredentials(PrivateKey privateKey, List<X509Certificate> chain, KeyType keyType) {

    public SigningCredentials {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(keyType, "keyType");
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        KeyType leafType = KeyType.of(chain.get(0).getPublicKey());
        if (leafType != keyType) {
            throw new IllegalArgumentException("key type " + keyType + " does not match the certificate's " + leafType);
        }
    }

    /** Credentials whose key type is read from the key. */
    public static SigningCredentials of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new SigningCredentials(privateKey, chain, KeyType.of(privateKey));
    }

    /** The end-entity (signing) certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "SigningCredentials[keyType=" + keyType + ", leaf=" + leaf().getSubjectX500Principal().getName()
                + ", chainLength=" + chain.size() + "]";
    }
}
