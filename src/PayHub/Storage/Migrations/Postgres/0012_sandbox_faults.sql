-- Faults a sandbox injects into one caller's answers: which, for how many of its next requests or what
-- fraction of them (decided from the seed and the request's number, so a run can be repeated), and how many
-- of its requests were seen since the fault was set. Used only on a sandbox database.
CREATE TABLE sandbox_faults (
    scope      TEXT PRIMARY KEY,   -- family:caller
    kind       TEXT NOT NULL,      -- latency drop system-error truncate
    delay_ms   INTEGER NOT NULL,
    remaining  INTEGER,            -- the next N requests; NULL with a fraction
    fraction   DOUBLE PRECISION,               -- this share of requests; NULL with a count
    seed       INTEGER NOT NULL,
    seen       INTEGER NOT NULL
);
