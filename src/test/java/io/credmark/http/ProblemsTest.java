package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Resource exhaustion is a 503 the client may retry, wherever in a failure's causes it lies; never a 500. */
class ProblemsTest {

    private final Problems problems = new Problems("https://credmark.example");

    @Test
    void anOutOfMemoryErrorFromAHandlerIsA503WithRetryAfter() {
        ProblemException p = problems.from(new ResourceExhaustedException(new OutOfMemoryError("Java heap space")),
                "POST /v1/stamp");
        assertEquals(503, p.status());
        assertEquals(ProblemType.SERVICE_UNAVAILABLE, p.type());
        assertTrue(Long.parseLong(p.headers().get("Retry-After")) >= 1);
        assertTrue(p.getMessage().contains("ran out of memory"), p.getMessage());
        assertTrue(p.extensions().containsKey("incident"));
    }

    @Test
    void exhaustionWrappedInOtherExceptionsIsFound() {
        ProblemException p = problems.from(new UncheckedIOException(new IOException(new OutOfMemoryError())),
                "POST /v1/verify");
        assertEquals(503, p.status());
        assertEquals(503, problems.from(new IllegalStateException(new StackOverflowError()), "GET /").status());
    }

    @Test
    void errorsReachingTheContainerAre503OnlyForExhaustion() {
        assertEquals(503, problems.fromError(new OutOfMemoryError("Direct buffer memory"), "a request").status());
        ProblemException other = problems.fromError(new AssertionError("broken invariant"), "a request");
        assertEquals(500, other.status());
        assertNull(other.headers().get("Retry-After"));
    }

    @Test
    void otherFailuresStayInternalErrors() {
        assertEquals(500, problems.from(new IllegalStateException("bug"), "GET /").status());
    }
}
