package io.credmark.http;

import io.credmark.testing.TestDatabase;

class DisclosureOnH2Test extends DisclosureContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
