using Dapper;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>The front-end systems that call the gateway, <c>dsp_front_ends</c>: their sealed HMAC secrets and rate limits.</summary>
public sealed class FrontEndStore(Database database)
{
    private const string Columns =
        "client_id AS ClientId, name AS Name, secret_prefix AS SecretPrefix, rate_limit_per_second AS RateLimitPerSecond, created_at AS CreatedAt";

    /// <summary>The front-end's sealed secret and rate limit; null when there is none.</summary>
    public (string SealedSecret, int? RateLimit)? Find(string clientId)
    {
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(string ClientId, string Secret, long? RateLimit)>(
            "SELECT client_id, secret_sealed, rate_limit_per_second FROM dsp_front_ends WHERE client_id = @clientId", new { clientId });
        return row.ClientId is null ? null : (row.Secret, (int?)row.RateLimit);
    }

    public List<FrontEndView> Views()
    {
        using var connection = database.Open();
        return connection.Query<FrontEndView>($"SELECT {Columns} FROM dsp_front_ends ORDER BY client_id").ToList();
    }

    /// <summary>False when the client id is taken.</summary>
    public bool Create(FrontEndChange body, string sealedSecret, string secretPrefix, DateTimeOffset now) =>
        database.Write((connection, transaction) => connection.Execute(
            """
            INSERT INTO dsp_front_ends (client_id, name, secret_sealed, secret_prefix, rate_limit_per_second, created_at)
            VALUES (@ClientId, @Name, @sealedSecret, @secretPrefix, @RateLimitPerSecond, @at)
            ON CONFLICT (client_id) DO NOTHING
            """,
            new { body.ClientId, body.Name, sealedSecret, secretPrefix, body.RateLimitPerSecond, at = now.ToString("O") },
            transaction)) == 1;

    /// <summary>Changes name and rate limit; the front-end as it is now, or null when there is none.</summary>
    public FrontEndView? Update(string clientId, FrontEndChange body)
    {
        var updated = database.Write((connection, transaction) => connection.Execute(
            "UPDATE dsp_front_ends SET name = @Name, rate_limit_per_second = @RateLimitPerSecond WHERE client_id = @clientId",
            new { clientId, body.Name, body.RateLimitPerSecond },
            transaction));
        if (updated == 0)
        {
            return null;
        }

        using var connection = database.Open();
        return connection.QuerySingle<FrontEndView>($"SELECT {Columns} FROM dsp_front_ends WHERE client_id = @clientId", new { clientId });
    }

    /// <summary>Replaces the secret; false when there is no such front-end.</summary>
    public bool SetSecret(string clientId, string sealedSecret, string secretPrefix) =>
        database.Write((connection, transaction) => connection.Execute(
            "UPDATE dsp_front_ends SET secret_sealed = @sealedSecret, secret_prefix = @secretPrefix WHERE client_id = @clientId",
            new { clientId, sealedSecret, secretPrefix },
            transaction)) == 1;
}
