-- Runs unchanged on H2 2.x and PostgreSQL 12+: only types and statements both accept.

-- SHA-256 of the signer certificate (DER, lower-case hex) each credential's manifest was signed with. A manifest
-- is this installation's only when its label and its signer both match the record: another installation can copy
-- a label, not a signer. NULL for credentials issued before it was recorded; those are matched by label alone.
ALTER TABLE credentials ADD COLUMN signer_sha256 VARCHAR(64);
