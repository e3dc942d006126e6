-- CustomerCheck's payment totals kept beside each customer: the count, amount and last date of
-- the payments that stand (reversed ones excluded). The database recomputes them from the stored
-- payments (the view below: one pass over utility_payments_customer) in the transaction of every
-- change to a payment, so a check reads one row however long the customer's history, and no code
-- path that writes payments can leave them behind.
ALTER TABLE utility_customers ADD COLUMN pay_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE utility_customers ADD COLUMN pay_amount_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE utility_customers ADD COLUMN last_pay_date TEXT COLLATE "C";

CREATE VIEW utility_customer_totals AS
SELECT c.company_id, c.bill_key, COUNT(p.id) AS pay_count, CAST(COALESCE(SUM(p.amount_fen), 0) AS BIGINT) AS pay_amount_fen, MAX(p.pay_date) AS last_pay_date
FROM utility_customers c
LEFT JOIN utility_payments p ON p.company_id = c.company_id AND p.bill_key = c.bill_key AND p.reversed_at IS NULL
GROUP BY c.company_id, c.bill_key;

-- One function for insert, delete and update (a payment moved to another customer by hand recounts both).
CREATE FUNCTION utility_payments_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE utility_customers c SET (pay_count, pay_amount_fen, last_pay_date) = (SELECT t.pay_count, t.pay_amount_fen, t.last_pay_date
        FROM utility_customer_totals t WHERE t.company_id = c.company_id AND t.bill_key = c.bill_key)
    WHERE (TG_OP <> 'INSERT' AND c.company_id = OLD.company_id AND c.bill_key = OLD.bill_key)
       OR (TG_OP <> 'DELETE' AND c.company_id = NEW.company_id AND c.bill_key = NEW.bill_key);
    RETURN NULL;
END
$$;

CREATE TRIGGER utility_payments_totals
AFTER INSERT OR DELETE OR UPDATE OF company_id, bill_key, pay_date, amount_fen, reversed_at ON utility_payments
FOR EACH ROW EXECUTE FUNCTION utility_payments_totals();

-- The payments stored before this migration.
UPDATE utility_customers c SET (pay_count, pay_amount_fen, last_pay_date) = (SELECT t.pay_count, t.pay_amount_fen, t.last_pay_date
    FROM utility_customer_totals t WHERE t.company_id = c.company_id AND t.bill_key = c.bill_key);
