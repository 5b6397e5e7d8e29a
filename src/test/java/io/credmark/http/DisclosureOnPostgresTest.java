package io.credmark.http;

import io.credmark.testing.TestDatabase;

class DisclosureOnPostgresTest extends DisclosureContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
