-- Runs unchanged on H2 2.x and PostgreSQL 12+: only types and statements both accept.

-- Usage figures: how often something happened to a credential on one UTC day. Events, never people: no address,
-- user agent, cookie or per-viewer row is kept. detail is the API key name for stamps, the embedding page's host
-- name for embed-host, '' otherwise. Nodes add to a row with one atomic upsert each, so several nodes may count
-- into one database. Rows older than usage.retentionDays are deleted by a scheduled job.
CREATE TABLE usage_counts (
    usage_day     DATE         NOT NULL,
    credential_id BIGINT       NOT NULL,
    event         VARCHAR(32)  NOT NULL,
    detail        VARCHAR(253) NOT NULL,
    n             BIGINT       NOT NULL,
    CONSTRAINT usage_counts_pk PRIMARY KEY (usage_day, credential_id, event, detail)
);

CREATE INDEX usage_counts_credential ON usage_counts (credential_id, usage_day);

-- Whether a registered model's usage totals are shown to anyone on its page (the record's own "usage" member is the
-- usage terms, signed into manifests, so this is kept beside it).
CREATE TABLE model_usage_visibility (
    model_id   VARCHAR(128)             NOT NULL PRIMARY KEY REFERENCES models (id),
    visibility VARCHAR(16)              NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT model_usage_visibility_value CHECK (visibility IN ('public', 'private'))
);

-- Misuse reports, to the creator of the credential. contact is shown only to that creator; note is theirs alone.
CREATE TABLE misuse_reports (
    id             VARCHAR(32)              NOT NULL PRIMARY KEY,
    credential_id  BIGINT                   NOT NULL REFERENCES credentials (id),
    creator_handle VARCHAR(64)              NOT NULL,
    category       VARCHAR(32)              NOT NULL,
    message        TEXT                     NOT NULL,
    contact        TEXT,
    status         VARCHAR(16)              NOT NULL,
    note           TEXT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT misuse_reports_status CHECK (status IN ('open', 'acknowledged', 'resolved', 'rejected'))
);

CREATE INDEX misuse_reports_creator ON misuse_reports (creator_handle, created_at);

-- The creator's notice on one credential (scope 'credential', target = the credential id's text) or on all
-- credentials of a registered model (scope 'model', target = the model id). Not part of any manifest.
CREATE TABLE notices (
    scope          VARCHAR(16)              NOT NULL,
    target         VARCHAR(128)             NOT NULL,
    creator_handle VARCHAR(64)              NOT NULL,
    notice_text    TEXT                     NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT notices_pk PRIMARY KEY (scope, target),
    CONSTRAINT notices_scope CHECK (scope IN ('credential', 'model'))
);

-- A creator's public profile (the handle is the creator; these are what they say about themselves).
CREATE TABLE creator_profiles (
    handle       VARCHAR(64)              NOT NULL PRIMARY KEY REFERENCES creators (handle),
    display_name TEXT,
    link         TEXT,
    bio          TEXT,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A creator's webhook. The secret is kept as given (it keys the HMAC of every delivery) and never shown again.
CREATE TABLE creator_webhooks (
    handle     VARCHAR(64)              NOT NULL PRIMARY KEY REFERENCES creators (handle),
    url        TEXT                     NOT NULL,
    secret     TEXT                     NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Deliveries to webhooks, written in the transaction that makes the event (a report), so that none is lost; a node
-- claims due rows with SELECT … FOR UPDATE SKIP LOCKED, so that two nodes never send one row at once. event_id is
-- unique: a daily digest that several nodes prepare is queued once.
CREATE TABLE webhook_outbox (
    event_id        VARCHAR(128)             NOT NULL PRIMARY KEY,
    creator_handle  VARCHAR(64)              NOT NULL,
    kind            VARCHAR(16)              NOT NULL,
    body            TEXT                     NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    last_error      TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX webhook_outbox_due ON webhook_outbox (delivered_at, next_attempt_at);
