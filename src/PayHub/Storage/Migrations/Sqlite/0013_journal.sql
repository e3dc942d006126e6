-- The request journal is the audit trail, extended: the HTTP status answered, the node that answered, which
-- check of the family's order refused the request and a diagnosis an operator can act on (never sent to the
-- caller), the request's headers with credentials masked, and (where the journal keeps them) the request's
-- bytes as received with credential values masked. Older rows have them empty.
ALTER TABLE audit_trail ADD COLUMN status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_trail ADD COLUMN node TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_trail ADD COLUMN refused_by TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_trail ADD COLUMN diagnosis TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_trail ADD COLUMN headers TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_trail ADD COLUMN raw_request TEXT NOT NULL DEFAULT '';
