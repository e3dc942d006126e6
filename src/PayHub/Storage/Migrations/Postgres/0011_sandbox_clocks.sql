-- The sandbox clock: business time for the whole sandbox ('*') or for one caller ('family:caller'), as an
-- offset from real time or an instant it stands still at. Used only on a sandbox database.
CREATE TABLE sandbox_clocks (
    scope      TEXT PRIMARY KEY,
    offset_ms  BIGINT NOT NULL,
    frozen_at  TEXT
);
