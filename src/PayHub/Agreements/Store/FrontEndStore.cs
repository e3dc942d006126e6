using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>The front-end systems that call the gateway, <c>dsp_front_ends</c>: their sealed HMAC secrets and rate limits.</summary>
public sealed class FrontEndStore(Database database)
{
    private const string Columns =
        "client_id AS ClientId, name AS Name, secret_prefix AS SecretPrefix, rate_limit_per_second AS RateLimitPerSecond, created_at AS CreatedAt, enabled = 1 AS Enabled";

    /// <summary>The enabled front-end's sealed secret and rate limit; null when there is none (or it is disabled).</summary>
    public (string SealedSecret, int? RateLimit, string? PreviousSealed, string? PreviousUntil)? Find(string clientId, DateTimeOffset now)
    {
        var row = database.Read(db => db.Row<(string ClientId, string Secret, long? RateLimit, string? Previous, string? Until)>(
            """
            SELECT f.client_id, f.secret_sealed, f.rate_limit_per_second, p.secret_sealed, p.valid_until
            FROM dsp_front_ends f
            LEFT JOIN previous_secrets p ON p.family = 'dsp' AND p.lookup_key = f.client_id AND p.valid_until > @p1
            WHERE f.client_id = @p0 AND f.enabled = 1
            """,
            clientId, now.ToString("O")));
        return row.ClientId is null ? null : (row.Secret, (int?)row.RateLimit, row.Previous, row.Until);
    }

    public List<FrontEndView> Views() => database.Read(db => db.Rows<FrontEndView>($"SELECT {Columns} FROM dsp_front_ends ORDER BY client_id"));

    /// <summary>False when the client id is taken.</summary>
    public bool Create(FrontEndChange body, string sealedSecret, string secretPrefix, DateTimeOffset now) =>
        database.Write(scope => scope.Execute(
            """
            INSERT INTO dsp_front_ends (client_id, name, secret_sealed, secret_prefix, rate_limit_per_second, created_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
            ON CONFLICT (client_id) DO NOTHING
            """,
            body.ClientId, body.Name, sealedSecret, secretPrefix, body.RateLimitPerSecond, now.ToString("O"))) == 1;

    /// <summary>Changes name and rate limit; the front-end as it is now, or null when there is none.</summary>
    public FrontEndView? Update(string clientId, FrontEndChange body)
    {
        var updated = database.Write(scope => scope.Execute(
            "UPDATE dsp_front_ends SET name = @p1, rate_limit_per_second = @p2 WHERE client_id = @p0", clientId, body.Name, body.RateLimitPerSecond));
        return updated == 0 ? null : database.Read(db => db.Row<FrontEndView>($"SELECT {Columns} FROM dsp_front_ends WHERE client_id = @p0", clientId));
    }

    /// <summary>Enables or disables the front-end (a disabled one is refused as an unknown one is); false when there is none.</summary>
    public bool SetEnabled(string clientId, bool enabled) =>
        database.Write(scope => scope.Execute("UPDATE dsp_front_ends SET enabled = @p1 WHERE client_id = @p0", clientId, enabled ? 1 : 0)) == 1;

    /// <summary>
    /// Replaces the secret; with <paramref name="previousUntil"/> the replaced one keeps working until then, without it
    /// it (and any earlier one) stops at once. False when there is no such front-end.
    /// </summary>
    public bool SetSecret(string clientId, string sealedSecret, string secretPrefix, DateTimeOffset? previousUntil = null) =>
        database.Write(scope =>
        {
            // The front-end's row first: a rotation running meanwhile waits, and then keeps this one's secret as the previous.
            if (scope.Scalar("SELECT 1 FROM dsp_front_ends WHERE client_id = @p0" + scope.Locks.ForUpdate, clientId) is null)
            {
                return false;
            }

            scope.Execute("DELETE FROM previous_secrets WHERE family = 'dsp' AND owner = @p0", clientId);
            if (previousUntil is { } until)
            {
                scope.Execute(
                    "INSERT INTO previous_secrets (family, lookup_key, owner, secret_sealed, valid_until) SELECT 'dsp', client_id, client_id, secret_sealed, @p1 FROM dsp_front_ends WHERE client_id = @p0",
                    clientId, until.ToString("O"));
            }

            return scope.Execute("UPDATE dsp_front_ends SET secret_sealed = @p1, secret_prefix = @p2 WHERE client_id = @p0", clientId, sealedSecret, secretPrefix) == 1;
        });
}
