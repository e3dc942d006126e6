-- Console sessions: a browser signed in with an admin token holds a random session id in a cookie; the database
-- keeps only the id's keyed hash (a copy of the database signs nobody in), the token's label and role, and when the
-- session ends. Every node reads the same rows, so a session works on any node and signing out ends it on all.
CREATE TABLE console_sessions (
    session_hash TEXT PRIMARY KEY,
    label        TEXT NOT NULL,
    role         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    ended_at     TEXT
);

-- ASP.NET Core Data Protection's key ring (the console's anti-forgery tokens), each key's XML sealed under the
-- master key: every node protects and unprotects with the same keys.
CREATE TABLE data_protection_keys (
    name       TEXT PRIMARY KEY,
    xml        TEXT NOT NULL,
    created_at TEXT NOT NULL
);
