-- CustomerCheck's payment totals kept beside each customer: the count, amount and last date of
-- the payments that stand (reversed ones excluded). The database recomputes them from the stored
-- payments (the view below: one pass over utility_payments_customer) in the transaction of every
-- change to a payment, so a check reads one row however long the customer's history, and no code
-- path that writes payments can leave them behind.
ALTER TABLE utility_customers ADD COLUMN pay_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE utility_customers ADD COLUMN pay_amount_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE utility_customers ADD COLUMN last_pay_date TEXT;

CREATE VIEW utility_customer_totals AS
SELECT c.company_id, c.bill_key, COUNT(p.id) AS pay_count, COALESCE(SUM(p.amount_fen), 0) AS pay_amount_fen, MAX(p.pay_date) AS last_pay_date
FROM utility_customers c
LEFT JOIN utility_payments p ON p.company_id = c.company_id AND p.bill_key = c.bill_key AND p.reversed_at IS NULL
GROUP BY c.company_id, c.bill_key;

CREATE TRIGGER utility_payments_totals_insert AFTER INSERT ON utility_payments
BEGIN
    UPDATE utility_customers SET (pay_count, pay_amount_fen, last_pay_date) = (SELECT pay_count, pay_amount_fen, last_pay_date
        FROM utility_customer_totals t WHERE t.company_id = NEW.company_id AND t.bill_key = NEW.bill_key)
    WHERE company_id = NEW.company_id AND bill_key = NEW.bill_key;
END;

CREATE TRIGGER utility_payments_totals_delete AFTER DELETE ON utility_payments
BEGIN
    UPDATE utility_customers SET (pay_count, pay_amount_fen, last_pay_date) = (SELECT pay_count, pay_amount_fen, last_pay_date
        FROM utility_customer_totals t WHERE t.company_id = OLD.company_id AND t.bill_key = OLD.bill_key)
    WHERE company_id = OLD.company_id AND bill_key = OLD.bill_key;
END;

-- A payment moved to another customer (by hand) recounts both.
CREATE TRIGGER utility_payments_totals_update AFTER UPDATE OF company_id, bill_key, pay_date, amount_fen, reversed_at ON utility_payments
BEGIN
    UPDATE utility_customers SET (pay_count, pay_amount_fen, last_pay_date) = (SELECT t.pay_count, t.pay_amount_fen, t.last_pay_date
        FROM utility_customer_totals t WHERE t.company_id = utility_customers.company_id AND t.bill_key = utility_customers.bill_key)
    WHERE (company_id = OLD.company_id AND bill_key = OLD.bill_key) OR (company_id = NEW.company_id AND bill_key = NEW.bill_key);
END;

-- The payments stored before this migration.
UPDATE utility_customers SET (pay_count, pay_amount_fen, last_pay_date) = (SELECT t.pay_count, t.pay_amount_fen, t.last_pay_date
    FROM utility_customer_totals t WHERE t.company_id = utility_customers.company_id AND t.bill_key = utility_customers.bill_key);
