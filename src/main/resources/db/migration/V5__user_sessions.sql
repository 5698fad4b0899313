-- Revocable sessions (issue 15 item 6): every token carries the user's token_version, checked on
-- each request; disabling a user or changing their password, role or link bumps it, which ends the
-- tokens issued before. A disabled user cannot sign in.
ALTER TABLE users ADD COLUMN token_version INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE users ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
