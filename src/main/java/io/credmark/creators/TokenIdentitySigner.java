package io.credmark.creators;

import io.credmark.c2pa.cose.CoseAlgorithm;
import io.credmark.c2pa.sign.KeySigner;
import io.credmark.c2pa.sign.Signer;
import io.credmark.pki.Pkcs11Token;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Signs a creator's identity assertion with their key in the PKCS#11 token. A key removed from the token since it
 * was found fails here, at signing: that is an {@link IdentityUnavailableException} naming the creator and the key's
 * label, and the token's keys are read again so that the next stamp knows the key is gone.
 */
final class TokenIdentitySigner implements Signer {

    private final String handle;
    private final String label;
    private final Pkcs11Token token;
    private final KeySigner key;

    TokenIdentitySigner(String handle, String label, Pkcs11Token token, PrivateKey key, X509Certificate certificate) {
        this.handle = handle;
        this.label = label;
        this.token = token;
        this.key = new KeySigner(key, List.of(certificate), KeySigner.defaultAlgorithm(certificate.getPublicKey()),
                token.provider());
    }

    @Override
    public CoseAlgorithm algorithm() {
        return key.algorithm();
    }

    @Override
    public List<X509Certificate> chain() {
        return key.chain();
    }

    @Override
    public int maxSignatureLength() {
        return key.maxSignatureLength();
    }

    @Override
    public byte[] sign(byte[] toBeSigned) {
        try {
            return key.sign(toBeSigned);
        } catch (GeneralSecurityException | ProviderException e) {
            token.reload();
            String m = String.valueOf(e.getMessage());
            throw new IdentityUnavailableException(handle, label, "cannot sign on the PKCS#11 token: "
                    + m.lines().findFirst().orElse(m));
        }
    }

    @Override
    public String toString() {
        return "TokenIdentitySigner[" + handle + ", " + label + "]";
    }
}
