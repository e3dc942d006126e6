-- Family C, the global account API: integrator clients and their public keys, the server's own
-- signing keys, customers (global customerId; referenceCustomerId per client), their
-- authorisation to clients, certificates, accounts with currencies and balances, and OAuth codes
-- and tokens (stored as keyed hashes). Times compared are integer milliseconds since 1970 (UTC).
CREATE TABLE ga_clients (
    client_id             TEXT COLLATE "C" PRIMARY KEY,
    name                  TEXT COLLATE "C" NOT NULL,
    account_types         TEXT COLLATE "C" NOT NULL,      -- space-separated accountTypes the client is enabled for
    rate_limit_per_second BIGINT,
    created_at            TEXT COLLATE "C" NOT NULL
);

CREATE TABLE ga_client_keys (
    client_id      TEXT COLLATE "C" NOT NULL REFERENCES ga_clients (client_id),
    key_version    BIGINT NOT NULL,
    public_key_pem TEXT COLLATE "C" NOT NULL,
    created_at     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (client_id, key_version)
);

CREATE TABLE ga_server_keys (
    key_version         BIGINT PRIMARY KEY,
    private_key_sealed  TEXT COLLATE "C" NOT NULL,        -- PKCS#8, sealed under the master key
    public_key_pem      TEXT COLLATE "C" NOT NULL,
    created_at          TEXT COLLATE "C" NOT NULL
);

CREATE TABLE ga_customers (
    customer_id    TEXT COLLATE "C" PRIMARY KEY,
    company_name   TEXT COLLATE "C" NOT NULL,
    status         TEXT COLLATE "C" NOT NULL,             -- ACTIVE, FROZEN, CLOSED
    created_at     TEXT COLLATE "C" NOT NULL
);

CREATE TABLE ga_certificates (
    customer_id       TEXT COLLATE "C" NOT NULL REFERENCES ga_customers (customer_id),
    certificate_type  TEXT COLLATE "C" NOT NULL,
    certificate_no    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (customer_id, certificate_type, certificate_no)
);

-- A customer known to a client: its referenceCustomerId there, and whether it is authorised.
CREATE TABLE ga_client_customers (
    client_id              TEXT COLLATE "C" NOT NULL REFERENCES ga_clients (client_id),
    customer_id            TEXT COLLATE "C" NOT NULL REFERENCES ga_customers (customer_id),
    reference_customer_id  TEXT COLLATE "C",
    authorised             BIGINT NOT NULL,
    updated_at             TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (client_id, customer_id)
);

CREATE UNIQUE INDEX ga_client_customers_reference ON ga_client_customers (client_id, reference_customer_id) WHERE reference_customer_id IS NOT NULL;

CREATE TABLE ga_accounts (
    account_no     TEXT COLLATE "C" PRIMARY KEY,
    customer_id    TEXT COLLATE "C" NOT NULL REFERENCES ga_customers (customer_id),
    account_type   TEXT COLLATE "C" NOT NULL,
    status         TEXT COLLATE "C" NOT NULL,             -- ACTIVE, ABNORMAL
    currencies     TEXT COLLATE "C" NOT NULL,             -- space-separated ISO 4217 codes
    created_at     TEXT COLLATE "C" NOT NULL
);

CREATE INDEX ga_accounts_customer ON ga_accounts (customer_id, account_type, account_no);

CREATE TABLE ga_balances (
    account_no     TEXT COLLATE "C" NOT NULL REFERENCES ga_accounts (account_no),
    currency       TEXT COLLATE "C" NOT NULL,
    available      TEXT COLLATE "C" NOT NULL,             -- decimal, as text: never floating point
    frozen         TEXT COLLATE "C" NOT NULL,
    updated_at     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_no, currency)
);

-- Authorisation codes, access and refresh tokens: kind, keyed hash, whom they authorise, until when.
CREATE TABLE ga_grants (
    grant_hash     TEXT COLLATE "C" PRIMARY KEY,
    kind           TEXT COLLATE "C" NOT NULL,             -- auth_code, access, refresh
    client_id      TEXT COLLATE "C" NOT NULL,
    customer_id    TEXT COLLATE "C" NOT NULL,
    expires_at_ms  BIGINT NOT NULL,
    used           BIGINT NOT NULL,          -- an auth code or refresh token already exchanged
    revoked        BIGINT NOT NULL,
    created_at     TEXT COLLATE "C" NOT NULL
);

CREATE INDEX ga_grants_authorisation ON ga_grants (client_id, customer_id);
