-- Family A: monthly bills (what Query shows and Pay settles) and reversals of payments.
CREATE TABLE utility_bills (
    company_id   TEXT NOT NULL,
    bill_no      TEXT NOT NULL,
    bill_key     TEXT NOT NULL,
    bill_month   TEXT NOT NULL,            -- yyyyMM
    amount_fen   INTEGER NOT NULL,
    late_fee_fen INTEGER NOT NULL DEFAULT 0,
    payment_id   INTEGER REFERENCES utility_payments (id),   -- NULL while unpaid
    PRIMARY KEY (company_id, bill_no),
    FOREIGN KEY (company_id, bill_key) REFERENCES utility_customers (company_id, bill_key)
);
CREATE INDEX utility_bills_customer ON utility_bills (company_id, bill_key, payment_id);
CREATE UNIQUE INDEX utility_bills_month ON utility_bills (company_id, bill_key, bill_month);

ALTER TABLE utility_payments ADD COLUMN receipt_no TEXT;

CREATE TABLE utility_reversals (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    inst_id    TEXT NOT NULL,
    tran_date  TEXT NOT NULL,
    tran_seq   TEXT NOT NULL,
    payment_id INTEGER NOT NULL UNIQUE REFERENCES utility_payments (id),
    created_at TEXT NOT NULL,
    UNIQUE (inst_id, tran_date, tran_seq)
);
CREATE INDEX utility_payments_reconciliation ON utility_payments (inst_id, tran_date);
