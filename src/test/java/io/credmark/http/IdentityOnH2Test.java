package io.credmark.http;

import io.credmark.testing.TestDatabase;

class IdentityOnH2Test extends IdentityContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
