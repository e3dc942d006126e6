-- An admin token's role: full (reads and changes) or read-only (sees everything through the admin API and the
-- console, changes nothing). Tokens issued before roles existed keep full rights.
ALTER TABLE admin_tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'full';
