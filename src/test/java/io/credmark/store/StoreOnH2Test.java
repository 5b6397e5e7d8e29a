package io.credmark.store;

import io.credmark.testing.TestDatabase;

class StoreOnH2Test extends StoreContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
