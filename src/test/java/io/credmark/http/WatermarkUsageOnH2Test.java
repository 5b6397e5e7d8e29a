package io.credmark.http;

import io.credmark.testing.TestDatabase;

class WatermarkUsageOnH2Test extends WatermarkUsageContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
