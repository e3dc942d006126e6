-- The answer's bytes as sent (after encryption and signing), credential fields masked: kept where the journal keeps
-- the raw request (a sandbox, or PayHub:Journal:Raw), written just after the answer went out, found by request id.
-- The index covers only the rows that keep raw bytes, so a production journal's appends do not maintain it.
ALTER TABLE audit_trail ADD COLUMN raw_response TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_trail_raw_request_id ON audit_trail (request_id) WHERE raw_request <> '';
