-- Family C, the global account API: integrator clients and their public keys, the server's own
-- signing keys, customers (global customerId; referenceCustomerId per client), their
-- authorisation to clients, certificates, accounts with currencies and balances, and OAuth codes
-- and tokens (stored as keyed hashes). Times compared are integer milliseconds since 1970 (UTC).
CREATE TABLE ga_clients (
    client_id             TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    account_types         TEXT NOT NULL,      -- space-separated accountTypes the client is enabled for
    rate_limit_per_second INTEGER,
    created_at            TEXT NOT NULL
);

CREATE TABLE ga_client_keys (
    client_id      TEXT NOT NULL REFERENCES ga_clients (client_id),
    key_version    INTEGER NOT NULL,
    public_key_pem TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (client_id, key_version)
);

CREATE TABLE ga_server_keys (
    key_version         INTEGER PRIMARY KEY,
    private_key_sealed  TEXT NOT NULL,        -- PKCS#8, sealed under the master key
    public_key_pem      TEXT NOT NULL,
    created_at          TEXT NOT NULL
);

CREATE TABLE ga_customers (
    customer_id    TEXT PRIMARY KEY,
    company_name   TEXT NOT NULL,
    status         TEXT NOT NULL,             -- ACTIVE, FROZEN, CLOSED
    created_at     TEXT NOT NULL
);

CREATE TABLE ga_certificates (
    customer_id       TEXT NOT NULL REFERENCES ga_customers (customer_id),
    certificate_type  TEXT NOT NULL,
    certificate_no    TEXT NOT NULL,
    PRIMARY KEY (customer_id, certificate_type, certificate_no)
);

-- A customer known to a client: its referenceCustomerId there, and whether it is authorised.
CREATE TABLE ga_client_customers (
    client_id              TEXT NOT NULL REFERENCES ga_clients (client_id),
    customer_id            TEXT NOT NULL REFERENCES ga_customers (customer_id),
    reference_customer_id  TEXT,
    authorised             INTEGER NOT NULL,
    updated_at             TEXT NOT NULL,
    PRIMARY KEY (client_id, customer_id)
);

CREATE UNIQUE INDEX ga_client_customers_reference ON ga_client_customers (client_id, reference_customer_id) WHERE reference_customer_id IS NOT NULL;

CREATE TABLE ga_accounts (
    account_no     TEXT PRIMARY KEY,
    customer_id    TEXT NOT NULL REFERENCES ga_customers (customer_id),
    account_type   TEXT NOT NULL,
    status         TEXT NOT NULL,             -- ACTIVE, ABNORMAL
    currencies     TEXT NOT NULL,             -- space-separated ISO 4217 codes
    created_at     TEXT NOT NULL
);

CREATE INDEX ga_accounts_customer ON ga_accounts (customer_id, account_type, account_no);

CREATE TABLE ga_balances (
    account_no     TEXT NOT NULL REFERENCES ga_accounts (account_no),
    currency       TEXT NOT NULL,
    available      TEXT NOT NULL,             -- decimal, as text: never floating point
    frozen         TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (account_no, currency)
);

-- Authorisation codes, access and refresh tokens: kind, keyed hash, whom they authorise, until when.
CREATE TABLE ga_grants (
    grant_hash     TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,             -- auth_code, access, refresh
    client_id      TEXT NOT NULL,
    customer_id    TEXT NOT NULL,
    expires_at_ms  INTEGER NOT NULL,
    used           INTEGER NOT NULL,          -- an auth code or refresh token already exchanged
    revoked        INTEGER NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE INDEX ga_grants_authorisation ON ga_grants (client_id, customer_id);
