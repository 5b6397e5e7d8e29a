package io.credmark.http;

import io.credmark.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract of the HTTP API, over real HTTP against one service node the test class starts on a real database; the
 * subclasses of each contract run it on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceContract {

    /** The test class's temporary directory; the node's data directory is {@code directory/data}. */
    Path directory;
    @AutoClose
    TestService service;
    ApiClient api;
    /** The admin key the node's first start created. */
    String adminKey;
    /** The key of the API key "front-end", role stamp. */
    String stampKey;

    abstract TestDatabase database();

    /** Settings beyond the defaults. */
    Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void startService(@TempDir Path temporary) {
        directory = temporary;
        service = TestService.on(database(), directory, settings());
        api = service.client();
        adminKey = service.adminKey;
        stampKey = service.createStampKey();
    }
}
