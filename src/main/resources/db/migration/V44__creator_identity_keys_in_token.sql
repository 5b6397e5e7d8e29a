-- Runs unchanged on H2 2.x and PostgreSQL 12+: only types and statements both accept.

-- When the claim signer is in a PKCS#11 token, creators' identity keys are made in that token and never leave it:
-- the database keeps the certificate and the key's label on the token (token_key), and no private key. Exactly one
-- of the two says where a creator's key is.
ALTER TABLE creator_identities ADD COLUMN token_key VARCHAR(100);
ALTER TABLE creator_identities ALTER COLUMN private_key DROP NOT NULL;
ALTER TABLE creator_identities ADD CONSTRAINT creator_identities_one_key
    CHECK ((private_key IS NULL AND token_key IS NOT NULL) OR (private_key IS NOT NULL AND token_key IS NULL));

-- Every label a node took for a key it makes in the token, before it makes it: two nodes never make two keys under
-- one label, and the operator can see which keys on the token are whose (superseded ones included).
CREATE TABLE creator_identity_token_keys (
    label      VARCHAR(100)             NOT NULL PRIMARY KEY,
    handle     VARCHAR(64)              NOT NULL REFERENCES creators (handle),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
