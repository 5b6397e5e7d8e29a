package io.credmark.pki;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Locale;

/**
 * The kinds of signing key credmark works with. The C2PA layer maps them to its signature algorithms (ES256, ES384,
 * ES512, PS256, Ed25519); this package only knows the keys.
 */
public enum KeyType {
    EC_P256("EC P-256", "secp256r1", 256),
    EC_P384("EC P-384", "secp384r1", 384),
    EC_P521("EC P-521", "secp521r1", 521),
    /** RSA with a modulus of at least 2048 bits; keys generated for this type have exactly 2048. */
    RSA_2048("RSA", null, 2048),
    ED25519("Ed25519", null, 255);

    /** Below this modulus size RSA keys are refused, as C2PA (§14.5.1) and NIST SP 800-131A do. */
    public static final int MINIMUM_RSA_BITS = 2048;

    private final String displayName;
    private final String curveName;
    private final int bits;
    private volatile ECParameterSpec curve;

    KeyType(String displayName, String curveName, int bits) {
        this.displayName = displayName;
        this.curveName = curveName;
        this.bits = bits;
    }

    /** A short human name, e.g. {@code EC P-256}, {@code RSA}, {@code Ed25519}. */
    public String displayName() {
        return displayName;
    }

    /** The key size that {@link #generateKeyPair(SecureRandom)} produces (the minimum accepted, for RSA). */
    public int bits() {
        return bits;
    }

    /**
     * Tells what kind of key this is, from the key itself (public or private), whatever provider made it.
     *
     * @throws IllegalArgumentException for a key credmark cannot sign with (DSA, RSA below 2048 bits, other curves,
     *         Ed448, ...); the message names the key and never contains key material
     */
    public static KeyType of(Key key) {
        if (key == null) {
            throw new IllegalArgumentException("no key");
        }
        if (key instanceof ECKey ec) {
            ECParameterSpec params = ec.getParams();
            for (KeyType type : values()) {
                if (type.curveName != null && sameCurve(params, type.curve())) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unsupported EC curve (" + params.getCurve().getField().getFieldSize()
                    + "-bit field); supported are P-256, P-384 and P-521");
        }
        if (key instanceof RSAKey rsa) {
            int modulusBits = rsa.getModulus().bitLength();
            if (modulusBits < MINIMUM_RSA_BITS) {
                throw new IllegalArgumentException("RSA key of " + modulusBits + " bits is too short; at least "
                        + MINIMUM_RSA_BITS + " bits are required");
            }
            return RSA_2048;
        }
        if (isEd25519(key)) {
            return ED25519;
        }
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm()
                + "; supported are EC (P-256, P-384, P-521), RSA (2048 bits or more) and Ed25519");
    }

    /** The actual size of a supported key in bits: the RSA modulus length, the EC field size, 255 for Ed25519. */
    public static int bitLength(Key key) {
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return of(key).bits;
    }

    /** Generates a fresh key pair of this type with the platform's default providers. */
    public KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator;
            switch (this) {
                case RSA_2048 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(bits, random);
                }
                case ED25519 -> {
                    generator = KeyPairGenerator.getInstance("Ed25519");
                    generator.initialize(NamedParameterSpec.ED25519, random);
                }
                default -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(curveName), random);
                }
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot generate " + displayName + " keys", e);
        }
    }

    /** Lower-case, file-name friendly form, e.g. {@code ec-p256}. */
    String fileStem() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private ECParameterSpec curve() {
        ECParameterSpec spec = curve;
        if (spec == null) {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(curveName));
                spec = parameters.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this Java runtime does not know the curve " + curveName, e);
            }
            curve = spec;
        }
        return spec;
    }

    // Keys from different providers carry different ECParameterSpec classes, so compare the numbers that define the
    // curve rather than the objects.
    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().getField().equals(b.getCurve().getField())
                && a.getCurve().getA().equals(b.getCurve().getA())
                && a.getCurve().getB().equals(b.getCurve().getB())
                && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder())
                && a.getCofactor() == b.getCofactor();
    }

    private static boolean isEd25519(Key key) {
        if (key instanceof EdECKey ed) {
            return "Ed25519".equalsIgnoreCase(ed.getParams().getName());
        }
        return "Ed25519".equalsIgnoreCase(key.getAlgorithm());
    }
}
