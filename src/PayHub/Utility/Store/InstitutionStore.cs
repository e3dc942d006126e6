using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>The banks, <c>utility_institutions</c>: API keys as keyed hashes, cipher keys sealed under the master key, rate limits.</summary>
public sealed class InstitutionStore(Database database)
{
    private const string Columns =
        "inst_id AS InstId, name AS Name, api_key_prefix AS ApiKeyPrefix, block_key_sealed IS NOT NULL AS HasBlockKey, " +
        "triple_des_key_sealed IS NOT NULL AS HasTripleDesKey, rate_limit_per_second AS RateLimitPerSecond, created_at AS CreatedAt, " +
        "enabled = 1 AS Enabled, previous_key_until AS PreviousKeyUntil";

    /// <summary>
    /// The enabled institution whose API key (or previous key, inside its overlap window) has this hash, its cipher
    /// keys still sealed, and until when a previous key works (null for the current key); null when none.
    /// </summary>
    public (string InstId, string Name, string? SealedBlockKey, string? SealedTripleDesKey, int? RateLimit, string? KeyUntil)? FindByApiKeyHash(string hash, DateTimeOffset now)
    {
        var row = database.Read(db => db.Row<(string InstId, string Name, string? BlockKey, string? TripleDesKey, long? RateLimit, string? KeyUntil)>(
            """
            SELECT inst_id, name, block_key_sealed, triple_des_key_sealed, rate_limit_per_second,
                   CASE WHEN api_key_hash = @p0 THEN NULL ELSE previous_key_until END
            FROM utility_institutions
            WHERE enabled = 1 AND (api_key_hash = @p0 OR (previous_api_key_hash = @p0 AND previous_key_until > @p1))
            """,
            hash, now.ToString("O")));
        return row.InstId is null ? null : (row.InstId, row.Name, row.BlockKey, row.TripleDesKey, (int?)row.RateLimit, row.KeyUntil);
    }

    public List<InstitutionView> Views() => database.Read(db => db.Rows<InstitutionView>($"SELECT {Columns} FROM utility_institutions ORDER BY inst_id"));

    public InstitutionView? View(string instId) => database.Read(db => db.Row<InstitutionView>($"SELECT {Columns} FROM utility_institutions WHERE inst_id = @p0", instId));

    /// <summary>False when the InstId is taken.</summary>
    public bool Create(InstitutionCreate body, string apiKeyHash, string apiKeyPrefix, string? sealedBlockKey, string? sealedTripleDesKey, DateTimeOffset now) =>
        database.Write(scope => scope.Execute(
            """
            INSERT INTO utility_institutions (inst_id, name, api_key_hash, api_key_prefix, block_key_sealed, triple_des_key_sealed, rate_limit_per_second, created_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)
            ON CONFLICT (inst_id) DO NOTHING
            """,
            body.InstId, body.Name, apiKeyHash, apiKeyPrefix, sealedBlockKey, sealedTripleDesKey, body.RateLimitPerSecond, now.ToString("O"))) == 1;

    /// <summary>Changes name and rate limit, and the cipher keys given (null keeps the stored one); false when there is no such institution.</summary>
    public bool Update(string instId, InstitutionUpdate body, string? sealedBlockKey, string? sealedTripleDesKey) =>
        database.Write(scope => scope.Execute(
            """
            UPDATE utility_institutions SET name = @p1, rate_limit_per_second = @p2,
                block_key_sealed = COALESCE(@p3, block_key_sealed),
                triple_des_key_sealed = COALESCE(@p4, triple_des_key_sealed)
            WHERE inst_id = @p0
            """,
            instId, body.Name, body.RateLimitPerSecond, sealedBlockKey, sealedTripleDesKey)) == 1;

    /// <summary>
    /// Replaces the API key; with <paramref name="previousUntil"/> the replaced key keeps working until then (an
    /// overlap window), without it the replaced key stops at once. False when there is no such institution.
    /// </summary>
    public bool SetApiKey(string instId, string apiKeyHash, string apiKeyPrefix, DateTimeOffset? previousUntil = null) =>
        database.Write(scope => scope.Execute(
            """
            UPDATE utility_institutions
            SET previous_api_key_hash = CASE WHEN CAST(@p3 AS TEXT) IS NULL THEN NULL ELSE api_key_hash END,
                previous_key_until = @p3, api_key_hash = @p1, api_key_prefix = @p2
            WHERE inst_id = @p0
            """,
            instId, apiKeyHash, apiKeyPrefix, previousUntil?.ToString("O"))) == 1;

    /// <summary>Enables or disables the institution (a disabled one is refused as an unknown key is); false when there is none.</summary>
    public bool SetEnabled(string instId, bool enabled) =>
        database.Write(scope => scope.Execute("UPDATE utility_institutions SET enabled = @p1 WHERE inst_id = @p0", instId, enabled ? 1 : 0)) == 1;
}
