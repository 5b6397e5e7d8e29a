package io.credmark.http;

import io.credmark.testing.TestDatabase;

class SoftBindingOnH2Test extends SoftBindingContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
