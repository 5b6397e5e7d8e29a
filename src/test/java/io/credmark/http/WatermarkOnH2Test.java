package io.credmark.http;

import io.credmark.testing.TestDatabase;

class WatermarkOnH2Test extends WatermarkContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
