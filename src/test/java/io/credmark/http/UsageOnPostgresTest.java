package io.credmark.http;

import io.credmark.testing.TestDatabase;

class UsageOnPostgresTest extends UsageContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
