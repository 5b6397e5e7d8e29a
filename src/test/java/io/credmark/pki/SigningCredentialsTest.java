package io.credmark.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningCredentialsTest {

    @Test
    void toStringShowsTheSignerButNoKeyMaterial() throws Exception {
        TestCertificates.Hierarchy hierarchy = TestCertificates.hierarchy();
        SigningCredentials credentials = SigningCredentials.of(hierarchy.signer().key(), hierarchy.chain());

        String text = credentials.toString();

        assertTrue(text.contains("EC_P256"), text);
        assertTrue(text.contains("CN=Test Signer"), text);
        byte[] encoded = hierarchy.signer().key().getEncoded();
        String secret = ((ECPrivateKey) hierarchy.signer().key()).getS().toString(16);
        assertFalse(text.contains(Base64.getEncoder().encodeToString(encoded).substring(0, 40)), text);
        assertFalse(text.toLowerCase().contains(secret.substring(0, 16)), text);
        assertFalse(text.toLowerCase().contains(HexFormat.of().formatHex(encoded).substring(0, 16)), text);
        assertFalse(text.contains(hierarchy.signer().key().toString()), text);
    }

    @Test
    void keyTypeMustMatchTheCertificate() throws Exception {
        TestCertificates.Hierarchy hierarchy = TestCertificates.hierarchy();

        assertThrows(IllegalArgumentException.class,
                () -> new SigningCredentials(hierarchy.signer().key(), hierarchy.chain(), KeyType.ED25519));
        assertThrows(IllegalArgumentException.class,
                () -> new SigningCredentials(hierarchy.signer().key(), List.of(), KeyType.EC_P256));
    }

    @Test
    void chainIsCopiedAndUnmodifiable() throws Exception {
        TestCertificates.Hierarchy hierarchy = TestCertificates.hierarchy();
        List<X509Certificate> chain = new ArrayList<>(hierarchy.chain());
        SigningCredentials credentials = SigningCredentials.of(hierarchy.signer().key(), chain);

        chain.clear();

        assertEquals(2, credentials.chain().size());
        assertEquals(hierarchy.signer().certificate(), credentials.leaf());
        assertThrows(UnsupportedOperationException.class, () -> credentials.chain().clear());
    }
}
