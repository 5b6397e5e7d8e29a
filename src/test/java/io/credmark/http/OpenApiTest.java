package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document describes exactly the routes the router serves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {

    @AutoClose
    private TestService service;
    private JsonNode doc;

    @BeforeAll
    void start(@TempDir Path directory) {
        service = TestService.on(TestDatabase.H2, directory, Map.of());
        ApiClient.Answer a = service.client().get("/openapi.json");
        assertEquals(200, a.status());
        assertEquals("application/json", a.contentType());
        doc = a.json();
    }

    @Test
    void everyRegisteredRouteIsDocumented() {
        Set<String> documented = documented();
        List<String> missing = new ArrayList<>();
        for (String route : service.server.registeredRoutes()) {
            if (!documented.contains(route)) {
                missing.add(route);
            }
        }
        assertTrue(missing.isEmpty(), "routes missing from openapi.json: " + missing);
        assertTrue(service.server.registeredRoutes().size() >= 12, service.server.registeredRoutes().toString());
    }

    @Test
    void everyDocumentedRouteIsServed() {
        Set<String> registered = new TreeSet<>(service.server.registeredRoutes());
        List<String> stale = documented().stream().filter(r -> !registered.contains(r)).toList();
        assertTrue(stale.isEmpty(), "documented but not served: " + stale);
    }

    @Test
    void itIsOpenApi31WithThisServerAndResolvableReferences() {
        assertTrue(doc.get("openapi").asText().startsWith("3.1."), doc.get("openapi").asText());
        assertEquals(service.base, doc.at("/servers/0/url").asText());
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertTrue(refs.size() > 10);
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertTrue(!doc.at(ref.substring(1)).isMissingNode(), "unresolved $ref " + ref);
        }
    }

    @Test
    void everyOperationHasAnIdAndResponsesAndAuthenticatedOnesSayWhat() {
        Set<String> ids = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            assertTrue(op.getValue().hasNonNull("operationId"), where);
            assertTrue(ids.add(op.getValue().get("operationId").asText()), "duplicate id at " + where);
            assertTrue(op.getValue().get("responses").size() > 0, where);
            assertTrue(op.getValue().has("security"), where + " says whether it needs a key");
        }));
        assertEquals(1, doc.at("/paths/~1v1~1stamp/post/security").size());
        assertEquals(0, doc.at("/paths/~1v1~1verify/post/security").size());
    }

    @Test
    void theProblemTypesListedAreThoseTheServiceUses() {
        Set<String> listed = new TreeSet<>();
        doc.at("/paths/~1problems~1{slug}/get/parameters/0/schema/enum").forEach(s -> listed.add(s.asText()));
        Set<String> types = new TreeSet<>();
        for (ProblemType t : ProblemType.values()) {
            types.add(t.slug());
        }
        assertEquals(types, listed);
    }

    private Set<String> documented() {
        Set<String> out = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return out;
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("$ref")) {
                    out.add(f.getValue().asText());
                } else {
                    collectRefs(f.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }
}
