package io.credmark.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CredentialLinksTest {

    @Test
    void linksAreMadeFromTheBaseWithoutItsTrailingSlashes() {
        CredentialLinks links = new CredentialLinks("https://credentials.example.org/service//");
        CredentialId id = new CredentialId(1);
        assertEquals("https://credentials.example.org/service/c/0000000000001", links.page(id));
        assertEquals("https://credentials.example.org/service/v1/credentials/0000000000001", links.json(id));
    }

    @Test
    void onlyHttpUrlsWithoutQueryOrFragment() {
        for (String bad : new String[] {"ftp://x.org", "javascript:alert(1)", "https://x.org/?a=b", "https://x.org/#f",
                "not a url", "/relative"}) {
            assertThrows(IllegalArgumentException.class, () -> new CredentialLinks(bad), bad);
        }
    }
}
