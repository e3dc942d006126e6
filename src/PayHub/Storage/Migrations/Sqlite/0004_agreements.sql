-- Family B, the agreement gateway: front-ends, channels and their code maps, agreements with
-- their history, the ReqSeqID register, and the book and SMS outbox of the simulated sandbox bank.
-- Times that are compared are integer milliseconds since 1970 (UTC); times only shown are ISO text.
CREATE TABLE dsp_front_ends (
    client_id             TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    secret_sealed         TEXT NOT NULL,      -- HMAC secret, sealed under the master key
    secret_prefix         TEXT NOT NULL,
    rate_limit_per_second INTEGER,            -- NULL: no limit
    created_at            TEXT NOT NULL
);

CREATE TABLE dsp_channels (
    bank_code      TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,             -- adapter kind: simulated, http
    command_codes  TEXT NOT NULL,             -- space-separated CommandCodes the channel supports
    timeout_ms     INTEGER NOT NULL,
    settings       TEXT NOT NULL,             -- JSON, the kind's own settings (no secrets)
    secret_sealed  TEXT,                      -- http: the gateway's own secret at the remote, sealed
    enabled        INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE dsp_code_map (
    bank_code      TEXT NOT NULL REFERENCES dsp_channels (bank_code) ON DELETE CASCADE,
    trans_type     TEXT NOT NULL,
    step           TEXT NOT NULL,             -- '' for QryContract
    original_code  TEXT NOT NULL,
    unified_code   TEXT NOT NULL,
    message        TEXT NOT NULL,
    PRIMARY KEY (bank_code, trans_type, step, original_code)
);

CREATE TABLE dsp_agreements (
    agreement_id         INTEGER PRIMARY KEY AUTOINCREMENT,
    bank_code            TEXT NOT NULL,
    pay_act              TEXT NOT NULL,
    rec_act              TEXT NOT NULL,
    policy_no            TEXT NOT NULL,       -- '' when the agreement has none
    auth_code            TEXT,                -- issued by the channel at sign confirmation
    state                TEXT NOT NULL,       -- none pending signed unsign_pending unsigned unknown
    prior_state          TEXT NOT NULL,       -- the state before the step in progress: a voided step returns to it
    open_step            TEXT,                -- Contract or DeContract: a step 01 accepted and not yet confirmed
    open_step_at_ms      INTEGER,
    code_attempts        INTEGER NOT NULL,
    unknown_trans_type   TEXT,                -- the step whose channel outcome is unknown
    unknown_step         TEXT,
    unknown_since_ms     INTEGER,
    unknown_checks       INTEGER NOT NULL,
    next_check_ms        INTEGER,             -- when the resolver asks the channel again
    pay_name             TEXT NOT NULL,
    rec_name             TEXT NOT NULL,
    cell_phone           TEXT NOT NULL,
    dead_line            TEXT NOT NULL,
    single_limit         TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    UNIQUE (bank_code, pay_act, rec_act, policy_no)
);

CREATE UNIQUE INDEX dsp_agreements_auth_code ON dsp_agreements (bank_code, auth_code) WHERE auth_code IS NOT NULL;
CREATE INDEX dsp_agreements_unknown ON dsp_agreements (next_check_ms) WHERE state = 'unknown';

CREATE TABLE dsp_agreement_events (
    event_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    agreement_id   INTEGER NOT NULL REFERENCES dsp_agreements (agreement_id),
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,             -- the front-end's client id, 'resolver' or 'demo'
    trans_type     TEXT NOT NULL,
    step           TEXT NOT NULL,
    req_seq_id     TEXT NOT NULL,
    original_code  TEXT NOT NULL,
    unified_code   TEXT NOT NULL,
    from_state     TEXT NOT NULL,
    to_state       TEXT NOT NULL,
    note           TEXT NOT NULL
);

CREATE INDEX dsp_agreement_events_agreement ON dsp_agreement_events (agreement_id, event_id);

-- The ReqSeqID register: the primary key gives concurrent duplicates on any node one effect.
-- status: claimed (being answered), final (answer kept for repeats), unknown (channel outcome
-- unknown; the resolver replaces the answer with the settled one).
CREATE TABLE dsp_requests (
    client_id      TEXT NOT NULL,
    req_seq_id     TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    status         TEXT NOT NULL,
    agreement_id   INTEGER,
    response       TEXT,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (client_id, req_seq_id)
) WITHOUT ROWID;

CREATE INDEX dsp_requests_unknown ON dsp_requests (agreement_id) WHERE status = 'unknown';

-- The simulated sandbox bank: its own agreement book and the text messages it "sent".
CREATE TABLE dsp_sandbox_agreements (
    bank_code      TEXT NOT NULL,
    pay_act        TEXT NOT NULL,
    rec_act        TEXT NOT NULL,
    policy_no      TEXT NOT NULL,
    state          TEXT NOT NULL,             -- pending signed unsign_pending unsigned
    auth_code      TEXT,
    code           TEXT,
    code_sent_ms   INTEGER,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (bank_code, pay_act, rec_act, policy_no)
);

CREATE INDEX dsp_sandbox_agreements_auth_code ON dsp_sandbox_agreements (bank_code, auth_code);

CREATE TABLE dsp_sms_outbox (
    message_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    bank_code      TEXT NOT NULL,
    cell_phone     TEXT NOT NULL,
    code           TEXT NOT NULL,
    text           TEXT NOT NULL,
    sent_at        TEXT NOT NULL
);
