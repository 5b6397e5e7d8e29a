package io.credmark.http;

import io.credmark.testing.TestDatabase;

class UsageOnPostgresIT extends UsageContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
