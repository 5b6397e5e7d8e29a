package io.credmark.c2pa.sign;

import io.credmark.c2pa.cose.CoseAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

/** A {@link Signer} over a JCA private key, from a file or from a PKCS#11 token through its provider. */
public final class KeySigner implements Signer {

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final CoseAlgorithm algorithm;
    private final Provider provider;

    public KeySigner(PrivateKey key, List<X509Certificate> chain, CoseAlgorithm algorithm, Provider provider) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signer needs its certificate");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
        this.algorithm = algorithm;
        this.provider = provider;
    }

    /** Chooses the COSE algorithm that fits the certificate's key: ES256/384/512 by curve, PS256, Ed25519. */
    public static KeySigner of(PrivateKey key, List<X509Certificate> chain) {
        return new KeySigner(key, chain, defaultAlgorithm(chain.get(0).getPublicKey()), null);
    }

    public static CoseAlgorithm defaultAlgorithm(PublicKey pub) {
        if (pub instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? CoseAlgorithm.ES256 : bits <= 384 ? CoseAlgorithm.ES384 : CoseAlgorithm.ES512;
        }
        if (pub instanceof RSAPublicKey) {
            return CoseAlgorithm.PS256;
        }
        if ("Ed25519".equalsIgnoreCase(pub.getAlgorithm()) || "EdDSA".equalsIgnoreCase(pub.getAlgorithm())) {
            return CoseAlgorithm.ED25519;
        }
        throw new IllegalArgumentException("no C2PA signature algorithm for a " + pub.getAlgorithm() + " key");
    }

    @Override
    public CoseAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public int maxSignatureLength() {
        PublicKey pub = chain.get(0).getPublicKey();
        if (pub instanceof RSAPublicKey rsa) {
            return (rsa.getModulus().bitLength() + 7) / 8;
        }
        return switch (algorithm) {
            case ES256, ED25519 -> 64;
            case ES384 -> 96;
            case ES512 -> 132;
            default -> 512;
        };
    }

    @Override
    public byte[] sign(byte[] toBeSigned) throws GeneralSecurityException {
        Signature s = provider == null ? algorithm.newSignature() : algorithm.newSignature(provider);
        s.initSign(key);
        s.update(toBeSigned);
        return s.sign();
    }


    @Override
    public String toString() {
        return "KeySigner[" + algorithm + ", " + chain.get(0).getSubjectX500Principal().getName() + "]";
    }
}
