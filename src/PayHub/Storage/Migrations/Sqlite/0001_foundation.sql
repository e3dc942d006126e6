-- Shared by every family: settings, admin tokens, the audit trail.
CREATE TABLE payhub_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE admin_tokens (
    token_hash TEXT PRIMARY KEY,
    prefix     TEXT NOT NULL,
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE audit_trail (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,
    family       TEXT NOT NULL,
    operation    TEXT NOT NULL,
    caller       TEXT NOT NULL,
    sequence_no  TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    latency_ms   INTEGER NOT NULL,
    request_id   TEXT NOT NULL,
    request      TEXT NOT NULL,
    response     TEXT NOT NULL
);
-- No secondary index: every request writes a row, and the trail is read rarely (newest first, by id).
