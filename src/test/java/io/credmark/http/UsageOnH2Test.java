package io.credmark.http;

import io.credmark.testing.TestDatabase;

class UsageOnH2Test extends UsageContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
