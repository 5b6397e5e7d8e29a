-- Runs unchanged on H2 2.x and PostgreSQL 12+: only types and statements both accept.

-- Each registered creator's identity credential for CAWG identity assertions: a certificate from the installation's
-- creator-identity CA (PEM) and its private key, PKCS#8 PEM sealed with the store key (never stored in the clear).
-- display_name is the name the certificate was issued for; a new one is issued when the creator's name changes.
CREATE TABLE creator_identities (
    handle       VARCHAR(64)              NOT NULL PRIMARY KEY REFERENCES creators (handle),
    display_name VARCHAR(100)             NOT NULL,
    certificate  TEXT                     NOT NULL,
    private_key  TEXT                     NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which front ends (API keys, by name) a creator allows to stamp with the creator's identity. Read at every stamp,
-- so a revoked grant takes effect at once on every node.
CREATE TABLE creator_grants (
    handle       VARCHAR(64)              NOT NULL REFERENCES creators (handle),
    api_key_name VARCHAR(64)              NOT NULL,
    granted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT creator_grants_pk PRIMARY KEY (handle, api_key_name)
);

-- Credentials whose manifest carries the creator's own identity assertion: who, under which name, and when the
-- identity signature was made (its time-stamp's time, else the signing time).
CREATE TABLE credential_identities (
    credential_id BIGINT                   NOT NULL PRIMARY KEY REFERENCES credentials (id),
    handle        VARCHAR(64)              NOT NULL,
    display_name  VARCHAR(100)             NOT NULL,
    signed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
