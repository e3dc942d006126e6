-- Family A, utility billing: institutions (banks) with their keys, companies, customers, payments,
-- and the TranSeq register that makes every request idempotent.
CREATE TABLE utility_institutions (
    inst_id               TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    api_key_hash          TEXT NOT NULL UNIQUE,
    api_key_prefix        TEXT NOT NULL,
    block_key_sealed      TEXT,            -- SM4 / AES-128 key, sealed under the master key
    triple_des_key_sealed TEXT,            -- 3DES key, sealed under the master key
    rate_limit_per_second INTEGER,         -- NULL: no limit
    created_at            TEXT NOT NULL
);

CREATE TABLE utility_companies (
    company_id TEXT PRIMARY KEY,
    name       TEXT NOT NULL
);

CREATE TABLE utility_customers (
    company_id      TEXT NOT NULL REFERENCES utility_companies (company_id),
    bill_key        TEXT NOT NULL,
    contract_no     TEXT,
    name            TEXT NOT NULL,
    phone           TEXT NOT NULL,
    address         TEXT NOT NULL,
    customer_status INTEGER NOT NULL,     -- 1 normal, 2 suspended, 0 closed
    service_status  INTEGER NOT NULL,     -- 1 in service, 0 stopped
    register_date   TEXT NOT NULL,        -- yyyyMMdd
    PRIMARY KEY (company_id, bill_key)
);
CREATE UNIQUE INDEX utility_customers_contract ON utility_customers (company_id, contract_no);

CREATE TABLE utility_payments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  TEXT NOT NULL,
    bill_key    TEXT NOT NULL,
    pay_date    TEXT NOT NULL,            -- yyyyMMdd
    amount_fen  INTEGER NOT NULL,
    inst_id     TEXT NOT NULL,
    tran_date   TEXT NOT NULL,
    tran_seq    TEXT NOT NULL,
    channel     TEXT NOT NULL,
    reversed_at TEXT,                     -- NULL while the payment stands
    created_at  TEXT NOT NULL,
    FOREIGN KEY (company_id, bill_key) REFERENCES utility_customers (company_id, bill_key),
    UNIQUE (inst_id, tran_date, tran_seq)
);
-- Covers CustomerCheck's totals: count, sum and last date are read from the index alone.
CREATE INDEX utility_payments_customer ON utility_payments (company_id, bill_key, reversed_at, pay_date, amount_fen);

CREATE TABLE utility_requests (
    inst_id      TEXT NOT NULL,
    tran_date    TEXT NOT NULL,
    tran_seq     TEXT NOT NULL,
    tran_code    TEXT NOT NULL,
    content_hash TEXT NOT NULL,           -- SHA-256 of the request's fields after decryption and parsing
    resp_code    TEXT NOT NULL,
    response     TEXT NOT NULL,           -- the first answer's fields, JSON, replayed to repeats
    created_at   TEXT NOT NULL,
    PRIMARY KEY (inst_id, tran_date, tran_seq)
) WITHOUT ROWID;
