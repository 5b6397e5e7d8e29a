package io.credmark.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialIdTest {

    @Test
    void everyLongRoundTripsThrough13UrlSafeCharacters() {
        SecureRandom random = new SecureRandom();
        long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL};
        for (int i = 0; i < 10_000 + edges.length; i++) {
            CredentialId id = new CredentialId(i < edges.length ? edges[i] : random.nextLong());
            String text = id.text();
            assertEquals(13, text.length());
            assertTrue(text.matches("[0-9a-f][0-9a-hjkmnp-tv-z]{12}"), text);
            assertEquals(Optional.of(id), CredentialId.parse(text));
            assertEquals(Optional.of(id), CredentialId.parse(text.toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void knownValues() {
        assertEquals("0000000000000", new CredentialId(0).text());
        assertEquals("0000000000001", new CredentialId(1).text());
        assertEquals("fzzzzzzzzzzzz", new CredentialId(-1).text());
        assertEquals("7zzzzzzzzzzzz", new CredentialId(Long.MAX_VALUE).text());
        assertEquals("8000000000000", new CredentialId(Long.MIN_VALUE).text());
    }

    @Test
    void anythingElseIsNotAnId() {
        for (String s : new String[] {null, "", "000000000000", "00000000000000", "g000000000000", "000000000000i",
                "00000000000l0", "0000000000o00", "000000000000u", "00000000000-0", "../../../etc", "0000000000 00"}) {
            assertEquals(Optional.empty(), CredentialId.parse(s), String.valueOf(s));
        }
    }
}
