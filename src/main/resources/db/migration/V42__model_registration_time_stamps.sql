-- Runs unchanged on H2 2.x and PostgreSQL 12+: only types and statements both accept.

-- Each revision of a registered model as it was time-stamped: the statement (canonical JSON: the model's id,
-- revision, creator, registration time and record) and the RFC 3161 token over its SHA-256. Rows are only added:
-- a replaced record keeps the evidence of every earlier revision. The token is absent when the time-stamping
-- authority could not be reached and tsa.required was off; the evidence route takes one then.
CREATE TABLE model_time_stamps (
    model_id        VARCHAR(128)             NOT NULL REFERENCES models (id),
    revision        INTEGER                  NOT NULL,
    statement       TEXT                     NOT NULL,
    token           BYTEA,
    time_stamped_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT model_time_stamps_pk PRIMARY KEY (model_id, revision)
);
