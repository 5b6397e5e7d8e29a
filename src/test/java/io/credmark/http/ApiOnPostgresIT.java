package io.credmark.http;

import io.credmark.testing.TestDatabase;

class ApiOnPostgresIT extends ApiContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
