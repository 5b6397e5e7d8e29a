package io.credmark.http;

import io.credmark.testing.TestDatabase;

class WatermarkOnPostgresIT extends WatermarkContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
