-- The key tokens are signed with, kept in the store so that every node and every restart uses the
-- same one (unless PANDU_JWT_SECRET is configured). One row per purpose; `pandu user rotate-key`
-- replaces it, which ends every session signed with the old one.
CREATE TABLE signing_keys (
    name        VARCHAR(50) PRIMARY KEY,
    secret      VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
