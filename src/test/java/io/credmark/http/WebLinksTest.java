package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.credmark.credential.CredentialId;
import org.junit.jupiter.api.Test;

class WebLinksTest {

    @Test
    void linksAreMadeFromTheBaseWithoutItsTrailingSlashes() {
        WebLinks links = new WebLinks("https://credentials.example.org/service//");
        CredentialId id = new CredentialId(1);
        assertEquals("https://credentials.example.org/service/c/0000000000001", links.page(id));
        assertEquals("https://credentials.example.org/service/v1/credentials/0000000000001", links.json(id));
    }

    @Test
    void onlyHttpUrlsWithoutQueryOrFragment() {
        for (String bad : new String[] {"ftp://x.org", "javascript:alert(1)", "https://x.org/?a=b", "https://x.org/#f",
                "not a url", "/relative"}) {
            assertThrows(IllegalArgumentException.class, () -> new WebLinks(bad), bad);
        }
    }
}
