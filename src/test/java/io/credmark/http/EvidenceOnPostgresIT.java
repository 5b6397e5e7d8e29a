package io.credmark.http;

import io.credmark.testing.TestDatabase;

class EvidenceOnPostgresIT extends EvidenceContract {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
