package io.credmark.http;

import io.credmark.testing.TestDatabase;

class SoftBindingOnPostgresTest extends SoftBindingContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
