-- Family D, risk cases: the agent (service provider) tree, merchants, cases with their history,
-- the scope index that makes "every case in my tree" one index range, and the push outbox.
-- agent_path is '/<level-1 agent>/…/<this agent>/': an agent's subtree is every path with its prefix.
CREATE TABLE risk_agents (
    agent_no              TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    parent_agent_no       TEXT REFERENCES risk_agents (agent_no),
    level                 INTEGER NOT NULL,       -- 1 for a top agent
    first_agent_no        TEXT NOT NULL,
    agent_path            TEXT NOT NULL UNIQUE,
    accessid              TEXT UNIQUE,
    secret_sealed         TEXT,                   -- MD5 sign secret, sealed under the master key
    notify_url            TEXT,                   -- where cases are pushed; NULL: no push
    enabled               INTEGER NOT NULL,
    rate_limit_per_second INTEGER,
    created_at            TEXT NOT NULL
);

CREATE TABLE risk_merchants (
    merc_num          TEXT PRIMARY KEY,
    merc_name         TEXT NOT NULL,
    agent_no          TEXT NOT NULL REFERENCES risk_agents (agent_no),
    legal_person      TEXT NOT NULL,
    legal_phone       TEXT NOT NULL,
    merc_create_time  TEXT NOT NULL,
    prov_code         TEXT NOT NULL,
    city_code         TEXT NOT NULL,
    area_code         TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX risk_merchants_agent ON risk_merchants (agent_no);

CREATE TABLE risk_cases (
    case_no                  TEXT PRIMARY KEY,
    merc_num                 TEXT NOT NULL REFERENCES risk_merchants (merc_num),
    agent_no                 TEXT NOT NULL,        -- the merchant's direct agent when the case was created
    first_agent_no           TEXT NOT NULL,
    create_time              TEXT NOT NULL,        -- yyyy-MM-dd HH:mm:ss, China Standard Time
    type_no                  TEXT NOT NULL,
    risk_type_rules          TEXT NOT NULL,
    risk_type_case_deal_way  TEXT NOT NULL,
    case_deal_way            TEXT NOT NULL,
    refer_orders             TEXT NOT NULL,
    card_no                  TEXT NOT NULL,
    term_no                  TEXT NOT NULL,
    longitude                TEXT NOT NULL,
    latitude                 TEXT NOT NULL,
    remark                   TEXT NOT NULL,
    flow_node_key            TEXT NOT NULL,
    suggest                  TEXT NOT NULL,
    create_way               TEXT NOT NULL,
    audit_status             TEXT NOT NULL,        -- DTJ DSH TG BH
    survey_way               TEXT NOT NULL,
    survey_remark            TEXT NOT NULL,
    survey_result            TEXT NOT NULL,
    survey_time              TEXT NOT NULL,
    submit_time              TEXT NOT NULL,
    closed                   INTEGER NOT NULL,
    updated_at               TEXT NOT NULL
) WITHOUT ROWID;             -- clustered by case number, which starts with the creation time: a page of cases is a few neighbouring pages

CREATE INDEX risk_cases_merchant ON risk_cases (merc_num, create_time);

-- One row per case and per agent entitled to see it (its direct agent and every agent above):
-- an agent's page is one range of this primary key, in the answer's order. Each row carries the
-- case's answer row (row_values: a JSON array of the values in the answer's field order), rendered
-- again at every change of the case and every rename of its agents, so that a page is read from
-- the range alone; risk_cases stays the record the rows are rendered from.
CREATE TABLE risk_case_scope (
    agent_no     TEXT NOT NULL,
    create_time  TEXT NOT NULL,
    case_no      TEXT NOT NULL,
    row_values   TEXT NOT NULL,
    PRIMARY KEY (agent_no, create_time, case_no)
) WITHOUT ROWID;

-- Cases per agent (every agent of the chain, like the scope rows) and month (yyyy-MM): the exact
-- total of a time range is the sum of its whole months plus a scan of its partial edges only.
CREATE TABLE risk_case_counts (
    agent_no  TEXT NOT NULL,
    month     TEXT NOT NULL,
    cases     INTEGER NOT NULL,
    PRIMARY KEY (agent_no, month)
) WITHOUT ROWID;

CREATE TABLE risk_case_events (
    event_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    case_no      TEXT NOT NULL REFERENCES risk_cases (case_no),
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,                   -- an agent number, 'platform' or 'demo'
    action       TEXT NOT NULL,                   -- created replied audited closed pushed
    from_state   TEXT NOT NULL,
    to_state     TEXT NOT NULL,
    note         TEXT NOT NULL
);

CREATE INDEX risk_case_events_case ON risk_case_events (case_no, event_id);

-- The push outbox: one delivery per case change and entitled agent with a notify URL.
CREATE TABLE risk_deliveries (
    delivery_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_no          TEXT NOT NULL REFERENCES risk_cases (case_no),
    agent_no         TEXT NOT NULL REFERENCES risk_agents (agent_no),
    reason           TEXT NOT NULL,              -- created replied audited closed redelivered
    state            TEXT NOT NULL,              -- pending delivered failed
    attempts         INTEGER NOT NULL,
    next_attempt_ms  INTEGER,
    last_error       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    delivered_at     TEXT
);

CREATE INDEX risk_deliveries_due ON risk_deliveries (next_attempt_ms) WHERE state = 'pending';
