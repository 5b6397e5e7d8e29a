package io.credmark.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelHashTest {

    private static final String SHA256 = "6ce0161689b3853acaa03779ec93eafe75a02f4ced659bee03f50797806fa2fa";

    @Test
    void readsASha256WithOrWithoutPrefixInAnyCase() {
        ModelHash expected = new ModelHash(SHA256, ModelHash.Kind.SHA256);

        assertEquals(Optional.of(expected), ModelHash.parse(SHA256));
        assertEquals(Optional.of(expected), ModelHash.parse("sha256:" + SHA256));
        assertEquals(Optional.of(expected), ModelHash.parse("SHA256:" + SHA256.toUpperCase()));
    }

    @Test
    void readsTheA1111ShortHash() {
        ModelHash hash = ModelHash.parse("6CE0161689").orElseThrow();

        assertEquals("6ce0161689", hash.value());
        assertEquals(ModelHash.Kind.A1111_SHORTHASH, hash.kind());
        assertEquals("a1111-shorthash", hash.alg());
    }

    @Test
    void rejectsEverythingElse() {
        for (String text : List.of("", "sha256:", "e6bb9ea8", "sha256:6ce0161689", SHA256 + "0", SHA256.substring(1),
                "6ce016168g", " 6ce0161689", "0x6ce0161689", "md5:" + SHA256)) {
            assertEquals(Optional.empty(), ModelHash.parse(text), text);
        }
    }

    @Test
    void refusesValuesThatDoNotFitTheKind() {
        assertThrows(IllegalArgumentException.class, () -> new ModelHash("6ce0161689", ModelHash.Kind.SHA256));
        assertThrows(IllegalArgumentException.class, () -> new ModelHash(SHA256, ModelHash.Kind.A1111_SHORTHASH));
        assertThrows(IllegalArgumentException.class, () -> new ModelHash("zzzzzzzzzz", ModelHash.Kind.A1111_SHORTHASH));
    }

    @Test
    void aShortHashIsConsistentWithTheSha256ItAbbreviates() {
        ModelHash full = new ModelHash(SHA256, ModelHash.Kind.SHA256);

        assertTrue(full.isConsistentWith(new ModelHash("6ce0161689", ModelHash.Kind.A1111_SHORTHASH)));
        assertTrue(new ModelHash("6ce0161689", ModelHash.Kind.A1111_SHORTHASH).isConsistentWith(full));
        assertFalse(full.isConsistentWith(new ModelHash("6ce0161680", ModelHash.Kind.A1111_SHORTHASH)));
        assertFalse(full.isConsistentWith(new ModelHash(SHA256.replace('6', '7'), ModelHash.Kind.SHA256)));
    }

    @Test
    void kindsAreFoundByTheirLabel() {
        assertEquals(Optional.of(ModelHash.Kind.SHA256), ModelHash.Kind.fromAlg("sha256"));
        assertEquals(Optional.of(ModelHash.Kind.A1111_SHORTHASH), ModelHash.Kind.fromAlg("a1111-shorthash"));
        assertEquals(Optional.empty(), ModelHash.Kind.fromAlg("SHA256"));
    }
}
