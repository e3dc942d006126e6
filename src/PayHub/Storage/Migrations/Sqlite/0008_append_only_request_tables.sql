-- The two tables every utility request writes become append-only in the file, so that a batch of
-- requests rewrites as few pages of the log as it can (a group commit writes each page it changed
-- once more, 4 KB, and flushes it).
--
-- utility_requests was clustered on (inst_id, tran_date, tran_seq): each bank's TranSeqs landed in
-- the middle of the table, and each ~500-byte kept answer split and rewrote full-size leaf pages
-- (about 10 of a batch's 14 log pages). Its rows now follow one another by rowid, and a separate
-- unique index on the same three columns, about 45 bytes an entry, keeps one register entry per
-- TranSeq: the same uniqueness, the same ON CONFLICT, the same look-ups.
CREATE TABLE utility_requests_next (
    id           INTEGER PRIMARY KEY,
    inst_id      TEXT NOT NULL,
    tran_date    TEXT NOT NULL,
    tran_seq     TEXT NOT NULL,
    tran_code    TEXT NOT NULL,
    content_hash TEXT NOT NULL,           -- SHA-256 of the request's fields after decryption and parsing
    resp_code    TEXT NOT NULL,
    response     TEXT NOT NULL,           -- the first answer's fields, JSON, replayed to repeats
    created_at   TEXT NOT NULL
);
INSERT INTO utility_requests_next (inst_id, tran_date, tran_seq, tran_code, content_hash, resp_code, response, created_at)
SELECT inst_id, tran_date, tran_seq, tran_code, content_hash, resp_code, response, created_at
FROM utility_requests ORDER BY created_at, inst_id, tran_date, tran_seq;
DROP TABLE utility_requests;
ALTER TABLE utility_requests_next RENAME TO utility_requests;
CREATE UNIQUE INDEX utility_requests_tran_seq ON utility_requests (inst_id, tran_date, tran_seq);

-- audit_trail loses AUTOINCREMENT: its id is still the rowid, one more than the largest, but no
-- longer also counted in sqlite_sequence, a page every commit rewrote. Rows keep their ids. (An id
-- could now come back only if the newest rows were deleted; PayHub never deletes audit rows.)
CREATE TABLE audit_trail_next (
    id           INTEGER PRIMARY KEY,
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
INSERT INTO audit_trail_next (id, at, family, operation, caller, sequence_no, outcome, latency_ms, request_id, request, response)
SELECT id, at, family, operation, caller, sequence_no, outcome, latency_ms, request_id, request, response FROM audit_trail;
DROP TABLE audit_trail;
ALTER TABLE audit_trail_next RENAME TO audit_trail;
