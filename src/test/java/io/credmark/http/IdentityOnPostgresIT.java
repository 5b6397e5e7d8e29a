package io.credmark.http;

import io.credmark.testing.TestDatabase;

class IdentityOnPostgresIT extends IdentityContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
