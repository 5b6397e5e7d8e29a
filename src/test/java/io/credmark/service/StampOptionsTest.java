package io.credmark.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.credmark.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StampOptionsTest {

    @Test
    void anEmptyObjectOrNothingIsTheDefault() {
        assertEquals(StampOptions.DEFAULT, StampOptions.parse(bytes("{}")));
        assertEquals(StampOptions.DEFAULT, StampOptions.parse(bytes(" { } ")));
        assertEquals(StampOptions.DEFAULT, StampOptions.parse(new byte[0]));
    }

    @Test
    void problemsNameTheirPath() {
        assertMessage("marker: unknown option (this version supports none)", "{\"marker\":{}}");
        assertMessage("expected a JSON object", "[1]");
        assertMessage("unexpected content after the JSON document", "{} {}");
        assertEquals(InvalidInputException.Kind.INVALID_DOCUMENT,
                assertThrows(InvalidInputException.class, () -> StampOptions.parse(bytes("{\"a\":1,\"a\":2}"))).kind());
        assertEquals(InvalidInputException.Kind.INVALID_DOCUMENT, assertThrows(InvalidInputException.class,
                () -> StampOptions.parse(new byte[StampOptions.MAX_BYTES + 1])).kind());
    }

    private static void assertMessage(String message, String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StampOptions.parse(bytes(json)));
        assertEquals(InvalidInputException.Kind.INVALID_DOCUMENT, e.kind());
        assertEquals(message, e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
