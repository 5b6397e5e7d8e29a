package io.credmark.store;

import io.credmark.testing.TestDatabase;

class StoreOnPostgresIT extends StoreContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
