-- A caller of any family can be disabled: it is then refused as an unknown caller is, in its family's code (risk
-- agents had their flag already). An institution's API key can be rotated with an overlap window: until
-- previous_key_until the previous key still works beside the new one.
ALTER TABLE utility_institutions ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE utility_institutions ADD COLUMN previous_api_key_hash TEXT;
ALTER TABLE utility_institutions ADD COLUMN previous_key_until TEXT;
CREATE INDEX utility_institutions_previous_key ON utility_institutions (previous_api_key_hash);
ALTER TABLE dsp_front_ends ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ga_integrators ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;

-- A front-end's HMAC secret or an agent's accessid and secret, replaced by a rotation with an overlap window: until
-- valid_until the replaced one still works beside the new. lookup_key is what a request names (dsp: the ClientID;
-- risk: the replaced accessid); owner is the caller it belongs to.
CREATE TABLE previous_secrets (
    family        TEXT NOT NULL,
    lookup_key    TEXT NOT NULL,
    owner         TEXT NOT NULL,
    secret_sealed TEXT NOT NULL,
    valid_until   TEXT NOT NULL,
    PRIMARY KEY (family, lookup_key)
);
