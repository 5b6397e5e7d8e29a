package io.credmark.store;

import io.credmark.testing.TestDatabase;

class StoreOnPostgresTest extends StoreContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
