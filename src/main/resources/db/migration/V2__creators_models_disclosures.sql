-- Runs unchanged on H2 2.x and PostgreSQL 12+: only types and statements both accept.

-- Model creators. A creator's token is shown once; only its SHA-256 is kept. The handle is the creator.handle of
-- the provenance documents whose credentials the creator controls.
CREATE TABLE creators (
    handle            VARCHAR(64)              NOT NULL PRIMARY KEY,
    token_hash        CHAR(64)                 NOT NULL,
    -- the creator's default disclosure policy, JSON {"path or section": "public" | "protected" | "private"}
    disclosure        TEXT                     NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    policy_updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT creators_token_hash UNIQUE (token_hash)
);

-- The model registry. The id is "HANDLE:SLUG". The record is a provenance document without generation (creator,
-- model, lineage, usage), canonical JSON; revision counts its versions, starting at 1.
CREATE TABLE models (
    id             VARCHAR(128)             NOT NULL PRIMARY KEY,
    creator_handle VARCHAR(64)              NOT NULL REFERENCES creators (handle),
    name           TEXT                     NOT NULL,
    record         TEXT                     NOT NULL,
    revision       INTEGER                  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX models_creator ON models (creator_handle);

-- The lineage edges between registered models, as the current records name them: model_id was made from
-- upstream_id, as a base model or a merge ingredient (kind = the lineage field: baseModels, merges). They form a
-- DAG; writes that would close a cycle are refused.
CREATE TABLE model_lineage (
    model_id    VARCHAR(128)     NOT NULL REFERENCES models (id),
    upstream_id VARCHAR(128)     NOT NULL REFERENCES models (id),
    kind        VARCHAR(16)      NOT NULL,
    position    INTEGER          NOT NULL,
    weight      DOUBLE PRECISION,
    CONSTRAINT model_lineage_pk PRIMARY KEY (model_id, kind, position),
    CONSTRAINT model_lineage_kind CHECK (kind IN ('baseModels', 'merges'))
);

CREATE INDEX model_lineage_upstream ON model_lineage (upstream_id);

-- One row, locked by every registry write so that two nodes cannot close a cycle between them.
CREATE TABLE registry_lock (
    id INTEGER NOT NULL PRIMARY KEY
);

INSERT INTO registry_lock (id) VALUES (1);

-- Every disclosure of every stamp ([salt, path, value], base64url, exactly as its digest was signed), with the
-- level the field was stamped with: public ones also travel in the file.
CREATE TABLE credential_disclosures (
    credential_id BIGINT       NOT NULL REFERENCES credentials (id),
    path          VARCHAR(100) NOT NULL,
    disclosure    TEXT         NOT NULL,
    stamped_level VARCHAR(16)  NOT NULL,
    CONSTRAINT credential_disclosures_pk PRIMARY KEY (credential_id, path),
    CONSTRAINT credential_disclosures_level CHECK (stamped_level IN ('public', 'protected', 'private'))
);

-- Per credential: the digests its manifest signed (decoys included, base64url, space-separated), the stricter
-- levels the stamp request asked for, and the creator's override of the default policy for this credential.
CREATE TABLE credential_commitments (
    credential_id       BIGINT                   NOT NULL PRIMARY KEY REFERENCES credentials (id),
    digest_alg          VARCHAR(16)              NOT NULL,
    digests             TEXT                     NOT NULL,
    requested_policy    TEXT                     NOT NULL,
    override_policy     TEXT,
    override_updated_at TIMESTAMP WITH TIME ZONE
);

-- Credentials stamped by naming a registered model: which model, at which revision (the manifest carries that
-- revision's record).
CREATE TABLE credential_models (
    credential_id  BIGINT       NOT NULL PRIMARY KEY REFERENCES credentials (id),
    model_id       VARCHAR(128) NOT NULL REFERENCES models (id),
    model_revision INTEGER      NOT NULL
);

CREATE INDEX credential_models_model ON credential_models (model_id);

CREATE INDEX credentials_creator ON credentials (creator_handle);
