package io.credmark.pki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** Tells whether a private key belongs to a public key, by signing a random message and verifying it. */
final class KeyMatch {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyMatch() {
    }

    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        KeyType type;
        try {
            type = KeyType.of(privateKey);
            if (KeyType.of(publicKey) != type) {
                return false;
            }
        } catch (IllegalArgumentException unsupported) {
            return false;
        }
        byte[] message = new byte[32];
        RANDOM.nextBytes(message);
        try {
            Signature signer = signature(type, privateKey);
            signer.initSign(privateKey);
            signer.update(message);
            byte[] signature = signer.sign();

            Signature verifier = signature(type, privateKey);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Signature signature(KeyType type, PrivateKey key) throws GeneralSecurityException {
        return switch (type) {
            case EC_P256, EC_P384, EC_P521 -> Signature.getInstance("SHA256withECDSA");
            case ED25519 -> Signature.getInstance("Ed25519");
            case RSA_2048 -> {
                // PSS rather than PKCS#1 v1.5: keys restricted to RSASSA-PSS (id-RSASSA-PSS, RFC 4055) refuse v1.5.
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(key instanceof RSAKey rsa && rsa.getParams() instanceof PSSParameterSpec restricted
                        ? restricted
                        : new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
        };
    }
}
