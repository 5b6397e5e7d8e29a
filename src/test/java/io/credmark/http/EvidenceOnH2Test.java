package io.credmark.http;

import io.credmark.testing.TestDatabase;

class EvidenceOnH2Test extends EvidenceContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
