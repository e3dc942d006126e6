-- A caller of any family can be disabled: it is then refused as an unknown caller is, in its family's code (risk
-- agents had their flag already). An institution's API key can be rotated with an overlap window: until
-- previous_key_until the previous key still works beside the new one.
ALTER TABLE utility_institutions ADD COLUMN enabled BIGINT NOT NULL DEFAULT 1;
ALTER TABLE utility_institutions ADD COLUMN previous_api_key_hash TEXT;
ALTER TABLE utility_institutions ADD COLUMN previous_key_until TEXT;
CREATE INDEX utility_institutions_previous_key ON utility_institutions (previous_api_key_hash);
ALTER TABLE dsp_front_ends ADD COLUMN enabled BIGINT NOT NULL DEFAULT 1;
ALTER TABLE ga_integrators ADD COLUMN enabled BIGINT NOT NULL DEFAULT 1;
