-- Family C's caller is the integrator in the code, the admin API and the docs; its tables say so too.
-- Its identifier stays client_id: the wire's Client-Id.
ALTER TABLE ga_clients RENAME TO ga_integrators;
ALTER TABLE ga_client_keys RENAME TO ga_integrator_keys;
ALTER TABLE ga_client_customers RENAME TO ga_integrator_customers;
DROP INDEX ga_client_customers_reference;
CREATE UNIQUE INDEX ga_integrator_customers_reference ON ga_integrator_customers (client_id, reference_customer_id) WHERE reference_customer_id IS NOT NULL;
