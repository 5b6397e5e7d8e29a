package io.credmark.http;

import io.credmark.testing.TestDatabase;

class ApiOnH2Test extends ApiContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
