using Dapper;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// The integrator clients' tables: <c>ga_integrators</c>, their public keys by keyVersion
/// (<c>ga_integrator_keys</c>) and the customers they know (<c>ga_integrator_customers</c>).
/// </summary>
public sealed class IntegratorStore(Database database)
{
    /// <summary>The client with its keys imported; null when there is none.</summary>
    public Integrator? Load(string clientId)
    {
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(string ClientId, string AccountTypes, long? RateLimit)>(
            "SELECT client_id, account_types, rate_limit_per_second FROM ga_integrators WHERE client_id = @clientId", new { clientId });
        if (row.ClientId is null)
        {
            return null;
        }

        var keys = connection.Query<(long Version, string Pem)>(
                "SELECT key_version, public_key_pem FROM ga_integrator_keys WHERE client_id = @clientId", new { clientId })
            .ToDictionary(k => (int)k.Version, k => RsaKey.FromPem(k.Pem));
        return new Integrator(
            row.ClientId,
            row.AccountTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
            (int?)row.RateLimit,
            keys);
    }

    /// <summary>Every client (or the one named) with its accountTypes and key versions.</summary>
    public List<IntegratorView> Views(string? clientId)
    {
        using var connection = database.Open();
        var keys = connection.Query<(string ClientId, long Version)>("SELECT client_id, key_version FROM ga_integrator_keys ORDER BY key_version")
            .ToLookup(k => k.ClientId, k => k.Version);
        return connection.Query<(string ClientId, string Name, string Types, long? Rate)>(
                "SELECT client_id, name, account_types, rate_limit_per_second FROM ga_integrators WHERE @clientId IS NULL OR client_id = @clientId ORDER BY client_id",
                new { clientId })
            .Select(r => new IntegratorView(r.ClientId, r.Name, r.Types.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.Rate, keys[r.ClientId].ToList()))
            .ToList();
    }

    /// <summary>False when the Client-Id is taken.</summary>
    public bool Create(IntegratorChange body, DateTimeOffset now) =>
        database.Write((connection, transaction) => connection.Execute(
            """
            INSERT INTO ga_integrators (client_id, name, account_types, rate_limit_per_second, created_at) VALUES (@ClientId, @Name, @types, @RateLimitPerSecond, @at)
            ON CONFLICT (client_id) DO NOTHING
            """,
            new { body.ClientId, body.Name, types = string.Join(' ', body.AccountTypes!), body.RateLimitPerSecond, at = now.ToString("O") },
            transaction)) == 1;

    /// <summary>False when there is no such client.</summary>
    public bool Update(string clientId, IntegratorChange body) =>
        database.Write((connection, transaction) => connection.Execute(
            "UPDATE ga_integrators SET name = @Name, account_types = @types, rate_limit_per_second = @RateLimitPerSecond WHERE client_id = @clientId",
            new { clientId, body.Name, types = string.Join(' ', body.AccountTypes!), body.RateLimitPerSecond },
            transaction)) == 1;

    /// <summary>Registers or replaces the key of one version; false when there is no such client.</summary>
    public bool SetKey(string clientId, int keyVersion, string pem, DateTimeOffset now) =>
        database.Write((connection, transaction) =>
        {
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM ga_integrators WHERE client_id = @clientId", new { clientId }, transaction) == 0)
            {
                return false;
            }

            connection.Execute(
                """
                INSERT INTO ga_integrator_keys (client_id, key_version, public_key_pem, created_at) VALUES (@clientId, @keyVersion, @pem, @at)
                ON CONFLICT (client_id, key_version) DO UPDATE SET public_key_pem = excluded.public_key_pem, created_at = excluded.created_at
                """,
                new { clientId, keyVersion, pem, at = now.ToString("O") },
                transaction);
            return true;
        });

    /// <summary>False when the client has no key of that version.</summary>
    public bool DeleteKey(string clientId, int keyVersion) =>
        database.Write((connection, transaction) =>
            connection.Execute("DELETE FROM ga_integrator_keys WHERE client_id = @clientId AND key_version = @keyVersion", new { clientId, keyVersion }, transaction)) == 1;

    public bool ClientAndCustomerExist(string clientId, string customerId)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            "SELECT (SELECT COUNT(*) FROM ga_integrators WHERE client_id = @clientId) * (SELECT COUNT(*) FROM ga_customers WHERE customer_id = @customerId)",
            new { clientId, customerId }) > 0;
    }

    /// <summary>Links the customer to the client; a referenceCustomerId already naming another of its customers is a unique-key violation.</summary>
    public void SetCustomer(string clientId, string customerId, string? referenceCustomerId, bool authorised, DateTimeOffset now) =>
        database.Write((connection, transaction) => connection.Execute(
            """
            INSERT INTO ga_integrator_customers (client_id, customer_id, reference_customer_id, authorised, updated_at) VALUES (@clientId, @customerId, @referenceCustomerId, @authorised, @at)
            ON CONFLICT (client_id, customer_id) DO UPDATE SET reference_customer_id = excluded.reference_customer_id, authorised = excluded.authorised, updated_at = excluded.updated_at
            """,
            new { clientId, customerId, referenceCustomerId, authorised = authorised ? 1 : 0, at = now.ToString("O") },
            transaction));
}
