-- The sandbox bank's index by agreement number holds only the entries that have one. Over every entry it also
-- offered the planner a way to find an entry by its accounts (bank_code alone, then a filter over all that bank's
-- entries); with statistics taken before a bank had many entries PostgreSQL took it, and each step's lookup read the
-- whole book of that bank (seen at 270–620 µs per lookup after a few thousand steps, against about 15 µs by the key).
-- A lookup by agreement number (auth_code = …) implies auth_code IS NOT NULL, so it still uses this index.
DROP INDEX dsp_sandbox_agreements_auth_code;
CREATE INDEX dsp_sandbox_agreements_auth_code ON dsp_sandbox_agreements (bank_code, auth_code) WHERE auth_code IS NOT NULL;
