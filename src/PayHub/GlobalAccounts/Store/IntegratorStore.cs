using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The integrator clients' tables: <c>ga_integrators</c>, their public keys by keyVersion
/// (<c>ga_integrator_keys</c>) and the customers they know (<c>ga_integrator_customers</c>).
/// </summary>
public sealed class IntegratorStore(Database database)
{
    /// <summary>The enabled client with its keys imported; null when there is none (or it is disabled).</summary>
    public Integrator? Load(string clientId) => database.Read(db =>
    {
        var row = db.Row<(string ClientId, string AccountTypes, long? RateLimit)>(
            "SELECT client_id, account_types, rate_limit_per_second FROM ga_integrators WHERE client_id = @p0 AND enabled = 1", clientId);
        if (row.ClientId is null)
        {
            return null;
        }

        var keys = db.Rows<(long Version, string Pem)>("SELECT key_version, public_key_pem FROM ga_integrator_keys WHERE client_id = @p0", clientId)
            .ToDictionary(k => (int)k.Version, k => RsaKey.FromPem(k.Pem));
        return new Integrator(
            row.ClientId,
            row.AccountTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
            (int?)row.RateLimit,
            keys);
    });

    /// <summary>Every client (or the one named) with its accountTypes and key versions.</summary>
    public List<IntegratorView> Views(string? clientId) => database.Read(db =>
    {
        var keys = db.Rows<(string ClientId, long Version)>("SELECT client_id, key_version FROM ga_integrator_keys ORDER BY key_version")
            .ToLookup(k => k.ClientId, k => k.Version);
        return db.Rows<(string ClientId, string Name, string Types, long? Rate, long Enabled)>(
                "SELECT client_id, name, account_types, rate_limit_per_second, enabled FROM ga_integrators WHERE CAST(@p0 AS TEXT) IS NULL OR client_id = @p0 ORDER BY client_id",
                clientId)
            .Select(r => new IntegratorView(r.ClientId, r.Name, r.Types.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.Rate, keys[r.ClientId].ToList(), r.Enabled == 1))
            .ToList();
    });

    /// <summary>False when the Client-Id is taken.</summary>
    public bool Create(IntegratorChange body, DateTimeOffset now) =>
        database.Write(scope => scope.Execute(
            """
            INSERT INTO ga_integrators (client_id, name, account_types, rate_limit_per_second, created_at) VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (client_id) DO NOTHING
            """,
            body.ClientId, body.Name, string.Join(' ', body.AccountTypes!), body.RateLimitPerSecond, now.ToString("O"))) == 1;

    /// <summary>Enables or disables the client (a disabled one is refused as an unknown Client-Id is); false when there is none.</summary>
    public bool SetEnabled(string clientId, bool enabled) =>
        database.Write(scope => scope.Execute("UPDATE ga_integrators SET enabled = @p1 WHERE client_id = @p0", clientId, enabled ? 1 : 0)) == 1;

    /// <summary>False when there is no such client.</summary>
    public bool Update(string clientId, IntegratorChange body) =>
        database.Write(scope => scope.Execute(
            "UPDATE ga_integrators SET name = @p1, account_types = @p2, rate_limit_per_second = @p3 WHERE client_id = @p0",
            clientId, body.Name, string.Join(' ', body.AccountTypes!), body.RateLimitPerSecond)) == 1;

    /// <summary>Registers or replaces the key of one version; false when there is no such client.</summary>
    public bool SetKey(string clientId, int keyVersion, string pem, DateTimeOffset now) =>
        database.Write(scope =>
        {
            if (scope.Scalar("SELECT 1 FROM ga_integrators WHERE client_id = @p0", clientId) is null)
            {
                return false;
            }

            scope.Execute(
                """
                INSERT INTO ga_integrator_keys (client_id, key_version, public_key_pem, created_at) VALUES (@p0, @p1, @p2, @p3)
                ON CONFLICT (client_id, key_version) DO UPDATE SET public_key_pem = excluded.public_key_pem, created_at = excluded.created_at
                """,
                clientId, keyVersion, pem, now.ToString("O"));
            return true;
        });

    /// <summary>False when the client has no key of that version.</summary>
    public bool DeleteKey(string clientId, int keyVersion) =>
        database.Write(scope => scope.Execute("DELETE FROM ga_integrator_keys WHERE client_id = @p0 AND key_version = @p1", clientId, keyVersion)) == 1;

    public bool ClientAndCustomerExist(string clientId, string customerId) =>
        database.Read(db =>
            db.Scalar("SELECT 1 FROM ga_integrators WHERE client_id = @p0", clientId) is not null
            && db.Scalar("SELECT 1 FROM ga_customers WHERE customer_id = @p0", customerId) is not null);

    /// <summary>The customers the client knows: each with its referenceCustomerId and whether it is authorised; null when there is no such client.</summary>
    public List<IntegratorCustomerView>? Customers(string clientId) => database.Read(db =>
        db.Scalar("SELECT 1 FROM ga_integrators WHERE client_id = @p0", clientId) is null
            ? null
            : db.Rows<IntegratorCustomerView>(
                """
                SELECT customer_id AS CustomerId, reference_customer_id AS ReferenceCustomerId, authorised = 1 AS Authorised, updated_at AS UpdatedAt
                FROM ga_integrator_customers WHERE client_id = @p0 ORDER BY customer_id
                """,
                clientId));

    /// <summary>Links the customer to the client; a referenceCustomerId already naming another of its customers is a unique-key violation.</summary>
    public void SetCustomer(string clientId, string customerId, string? referenceCustomerId, bool authorised, DateTimeOffset now) =>
        database.Write(scope => scope.Execute(
            """
            INSERT INTO ga_integrator_customers (client_id, customer_id, reference_customer_id, authorised, updated_at) VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (client_id, customer_id) DO UPDATE SET reference_customer_id = excluded.reference_customer_id, authorised = excluded.authorised, updated_at = excluded.updated_at
            """,
            clientId, customerId, referenceCustomerId, authorised ? 1 : 0, now.ToString("O")));
}
