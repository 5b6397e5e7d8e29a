package io.credmark.http;

import io.credmark.testing.TestDatabase;

class ApiOnPostgresTest extends ApiContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
