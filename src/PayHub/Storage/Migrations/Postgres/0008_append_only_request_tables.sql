-- PostgreSQL dialect of Sqlite/0008_append_only_request_tables.sql. On SQLite that migration
-- rebuilds utility_requests as rows in arrival order plus a unique index on the TranSeq, and drops
-- audit_trail's AUTOINCREMENT counter. PostgreSQL already stores both that way (rows in a heap in
-- arrival order, the primary key a separate index; identity columns take no page per commit), so
-- here the version only records what the tables are.
COMMENT ON TABLE utility_requests IS 'TranSeq register: one row per (inst_id, tran_date, tran_seq), the final answer kept for repeats';
COMMENT ON TABLE audit_trail IS 'Audit trail: one row per request of every family, personal data masked';
