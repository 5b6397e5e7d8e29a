package io.credmark.http;

import io.credmark.testing.TestDatabase;

class SoftBindingOnPostgresIT extends SoftBindingContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
