-- Account controls: an admin can disable a user (no credential of theirs is accepted) or delete one. A deleted user
-- stays as a row without password or credentials, so the layers and audit entries that name them keep meaning one
-- person and the name is not given to somebody else.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE users ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;

-- API tokens now expire by default (90 days); those made before, without an end, expire 90 days after this upgrade.
UPDATE credentials SET expires_at = CURRENT_TIMESTAMP + INTERVAL '90' DAY
    WHERE kind = 'api_token' AND expires_at IS NULL;
