-- Runs unchanged on H2 2.x and PostgreSQL 12+: only types and statements both accept.

-- One row per stamp, committed before the stamped image is returned. The id is 64 random bits, shown to people
-- as 13 base32 characters; as a BIGINT key, any prefix of its bits (e.g. the 40 a watermark can carry) maps to one
-- contiguous range of the primary-key index.
CREATE TABLE credentials (
    id                  BIGINT                   NOT NULL PRIMARY KEY,
    manifest_label      VARCHAR(200)             NOT NULL,
    media_type          VARCHAR(40)              NOT NULL,
    sha256              CHAR(64)                 NOT NULL,
    creator_handle      TEXT                     NOT NULL,
    model_name          TEXT                     NOT NULL,
    -- the whole provenance document as signed, canonical JSON; what a viewer may see of it is decided when it is
    -- shown, so that disclosure rules can change after the stamp
    provenance          TEXT                     NOT NULL,
    signer_organization TEXT,
    signer_common_name  TEXT,
    signer_issuer       TEXT,
    api_key_name        VARCHAR(64)              NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX credentials_sha256 ON credentials (sha256);

-- Keys of the machine clients (generation front ends) and of administrators. Only the SHA-256 of a key is kept.
-- A revoked key stays, so that the name on old credentials keeps meaning one client.
CREATE TABLE api_keys (
    name       VARCHAR(64)              NOT NULL PRIMARY KEY,
    key_hash   CHAR(64)                 NOT NULL,
    role       VARCHAR(16)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_keys_key_hash UNIQUE (key_hash),
    CONSTRAINT api_keys_role CHECK (role IN ('admin', 'stamp'))
);
