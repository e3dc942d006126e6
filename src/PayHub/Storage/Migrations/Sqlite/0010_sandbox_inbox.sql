-- The sandbox's push inbox: what PayHub's risk pushes (or anyone) POSTed to /sandbox/inbox/{name}, and how each
-- inbox is told to answer. Used only on a sandbox database; empty on any other.
CREATE TABLE sandbox_inbox_messages (
    message_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    inbox        TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    headers      TEXT NOT NULL,   -- JSON object of the request's headers
    body         TEXT NOT NULL,
    sign_valid   INTEGER NOT NULL,
    answered     INTEGER NOT NULL -- the HTTP status the inbox answered with
);

CREATE INDEX sandbox_inbox_messages_by_inbox ON sandbox_inbox_messages (inbox, message_id);

CREATE TABLE sandbox_inboxes (
    inbox        TEXT PRIMARY KEY,
    fail_status  INTEGER,         -- NULL: acknowledge; else answer with this HTTP status
    delay_ms     INTEGER NOT NULL
);
