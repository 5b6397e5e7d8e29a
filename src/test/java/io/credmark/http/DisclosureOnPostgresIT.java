package io.credmark.http;

import io.credmark.testing.TestDatabase;

class DisclosureOnPostgresIT extends DisclosureContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
