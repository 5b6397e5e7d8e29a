package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcceptsTest {

    @Test
    void jsonOnlyWhenItRanksAboveTheImage() {
        assertFalse(Accepts.prefersJson(null, "image/png"));
        assertFalse(Accepts.prefersJson("", "image/png"));
        assertFalse(Accepts.prefersJson("*/*", "image/png"));
        assertFalse(Accepts.prefersJson("image/png", "image/png"));
        assertFalse(Accepts.prefersJson("image/*, application/json;q=0.5", "image/png"));
        assertFalse(Accepts.prefersJson("application/json;q=0, */*", "image/png"));
        assertFalse(Accepts.prefersJson("application/json, image/png", "image/png"));
        assertTrue(Accepts.prefersJson("application/json", "image/png"));
        assertTrue(Accepts.prefersJson("application/json, */*;q=0.8", "image/jpeg"));
        assertTrue(Accepts.prefersJson("application/json, */*", "image/jpeg"));
        assertTrue(Accepts.prefersJson("APPLICATION/JSON; charset=utf-8", "image/jpeg"));
        assertTrue(Accepts.prefersJson("image/png;q=0.1, application/json;q=0.9", "image/png"));
        assertFalse(Accepts.prefersJson("application/json;q=bogus", "image/png"));
    }
}
