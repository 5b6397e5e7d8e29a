-- Runs unchanged on H2 2.x and PostgreSQL 12+: only types and statements both accept.

-- The id a credential's invisible watermark carries: the top 48 bits of the credential id, or NULL when the image
-- carries no watermark. Unique, so that a watermark leads to one credential; a stamp whose id prefix is taken draws
-- another id. Looking a watermark up is one probe of this index.
ALTER TABLE credentials ADD COLUMN watermark_id BIGINT;
CREATE UNIQUE INDEX credentials_watermark_id ON credentials (watermark_id);
CREATE INDEX credentials_manifest_label ON credentials (manifest_label);

-- The manifest store embedded in the stamped file, as written: served by the soft-binding resolution API
-- (GET /manifests/{manifestId}) to whoever found the credential through its watermark.
CREATE TABLE credential_manifests (
    credential_id  BIGINT NOT NULL PRIMARY KEY REFERENCES credentials (id),
    manifest_store BYTEA  NOT NULL
);
