package io.credmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueSealerTest {

    private static final String COLUMN = "credentials.provenance";
    private static final String PROMPT = "{\"generation\":{\"prompt\":\"a fox reading by candlelight\"}}";

    @Test
    void aSealedValueOpensWithItsKeyAndShowsNothingOfTheValue() {
        ValueSealer sealer = ValueSealer.random();
        String sealed = sealer.seal(COLUMN, PROMPT);
        assertTrue(sealed.startsWith(ValueSealer.PREFIX), sealed);
        assertFalse(sealed.contains("fox"), sealed);
        assertNotEquals(sealed, sealer.seal(COLUMN, PROMPT), "each seal has its own nonce");
        assertEquals(PROMPT, sealer.open(COLUMN, sealed));
    }

    @Test
    void aValueStoredBeforeSealingIsReadAsItIs() {
        assertEquals(PROMPT, ValueSealer.random().open(COLUMN, PROMPT));
        assertEquals("WyJzYWx0IiwicGF0aCIsInYiXQ", ValueSealer.random().open(COLUMN, "WyJzYWx0IiwicGF0aCIsInYiXQ"));
    }

    @Test
    void anotherKeyOrAnotherColumnDoesNotOpenIt() {
        String sealed = ValueSealer.random().seal(COLUMN, PROMPT);
        assertThrows(StoreException.class, () -> ValueSealer.random().open(COLUMN, sealed));
        ValueSealer sealer = ValueSealer.random();
        String moved = sealer.seal(COLUMN, PROMPT);
        assertThrows(StoreException.class, () -> sealer.open("credential_disclosures.disclosure", moved));
    }

    @Test
    void theKeyFileIsMadeOnceOwnerOnly(@TempDir Path dir) throws IOException {
        ValueSealer first = ValueSealer.openOrCreate(dir);
        Path file = dir.resolve(ValueSealer.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String sealed = first.seal(COLUMN, PROMPT);
        assertEquals(PROMPT, ValueSealer.openOrCreate(dir).open(COLUMN, sealed));
        Files.writeString(file, "not a key\n");
        assertThrows(IOException.class, () -> ValueSealer.read(file));
    }
}
