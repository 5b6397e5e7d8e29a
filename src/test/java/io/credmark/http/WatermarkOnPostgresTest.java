package io.credmark.http;

import io.credmark.testing.TestDatabase;

class WatermarkOnPostgresTest extends WatermarkContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
