package io.credmark.http;

import io.credmark.testing.TestDatabase;

class WatermarkUsageOnPostgresIT extends WatermarkUsageContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
