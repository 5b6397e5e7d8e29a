package io.credmark.http;

import io.credmark.testing.TestDatabase;

class ModelEvidenceOnH2Test extends ModelEvidenceContract {

    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
