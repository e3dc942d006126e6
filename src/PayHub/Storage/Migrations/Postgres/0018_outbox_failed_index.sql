-- The push outbox's failed deliveries, counted for the metric payhub.push.outbox.depth without reading every
-- delivered row (the pending ones have risk_deliveries_due already).
CREATE INDEX risk_deliveries_failed ON risk_deliveries (delivery_id) WHERE state = 'failed';
