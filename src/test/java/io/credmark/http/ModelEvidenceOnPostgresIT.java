package io.credmark.http;

import io.credmark.testing.TestDatabase;

class ModelEvidenceOnPostgresIT extends ModelEvidenceContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
