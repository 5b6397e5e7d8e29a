package io.credmark.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyTypeTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void generatedKeysAreRecognisedFromBothHalves(KeyType type) {
        KeyPair keys = type.generateKeyPair(TestCertificates.RANDOM);

        assertEquals(type, KeyType.of(keys.getPublic()));
        assertEquals(type, KeyType.of(keys.getPrivate()));
    }

    @Test
    void keysFromBouncyCastleAreRecognisedByTheirCurve() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("P-384"));
        KeyPair keys = generator.generateKeyPair();

        assertEquals(KeyType.EC_P384, KeyType.of(keys.getPublic()));
        assertEquals(KeyType.EC_P384, KeyType.of(keys.getPrivate()));
    }

    @Test
    void aCurveOfTheRightSizeIsNotEnough() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair keys = generator.generateKeyPair();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyType.of(keys.getPublic()));
        assertTrue(e.getMessage().contains("unsupported EC curve"), e.getMessage());
    }

    @Test
    void largerRsaKeysAreRsaAndReportTheirSize() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair keys = generator.generateKeyPair();

        assertEquals(KeyType.RSA_2048, KeyType.of(keys.getPrivate()));
        assertEquals(3072, KeyType.bitLength(keys.getPublic()));
        assertEquals(3072, KeyType.bitLength(keys.getPrivate()));
    }

    @Test
    void shortRsaKeysAreRefusedWithTheirSize() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair keys = generator.generateKeyPair();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyType.of(keys.getPublic()));
        assertTrue(e.getMessage().contains("1024 bits"), e.getMessage());
    }

    @Test
    void dsaAndEd448AreRefused() throws Exception {
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();

        assertThrows(IllegalArgumentException.class, () -> KeyType.of(dsa.generateKeyPair().getPrivate()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyType.of(ed448.getPublic()));
        assertTrue(e.getMessage().contains("unsupported key algorithm"), e.getMessage());
    }

    @Test
    void sizesOfTheOtherTypes() {
        assertEquals(256, KeyType.bitLength(KeyType.EC_P256.generateKeyPair(TestCertificates.RANDOM).getPublic()));
        assertEquals(521, KeyType.bitLength(KeyType.EC_P521.generateKeyPair(TestCertificates.RANDOM).getPublic()));
        assertEquals(255, KeyType.bitLength(KeyType.ED25519.generateKeyPair(TestCertificates.RANDOM).getPublic()));
    }
}
