using Dapper;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>The banks, <c>utility_institutions</c>: API keys as keyed hashes, cipher keys sealed under the master key, rate limits.</summary>
public sealed class InstitutionStore(Database database)
{
    private const string Columns =
        "inst_id AS InstId, name AS Name, api_key_prefix AS ApiKeyPrefix, block_key_sealed IS NOT NULL AS HasBlockKey, " +
        "triple_des_key_sealed IS NOT NULL AS HasTripleDesKey, rate_limit_per_second AS RateLimitPerSecond, created_at AS CreatedAt";

    /// <summary>The institution whose API key has this hash, its cipher keys still sealed; null when none.</summary>
    public async Task<(string InstId, string Name, string? SealedBlockKey, string? SealedTripleDesKey, int? RateLimit)?> FindByApiKeyHashAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string InstId, string Name, string? BlockKey, string? TripleDesKey, long? RateLimit)>(
            """
            SELECT inst_id, name, block_key_sealed, triple_des_key_sealed, rate_limit_per_second
            FROM utility_institutions WHERE api_key_hash = @hash
            """,
            new { hash });
        return row.InstId is null ? null : (row.InstId, row.Name, row.BlockKey, row.TripleDesKey, (int?)row.RateLimit);
    }

    public async Task<List<InstitutionView>> ViewsAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<InstitutionView>($"SELECT {Columns} FROM utility_institutions ORDER BY inst_id")).ToList();
    }

    public async Task<InstitutionView?> ViewAsync(string instId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<InstitutionView>($"SELECT {Columns} FROM utility_institutions WHERE inst_id = @instId", new { instId });
    }

    /// <summary>False when the InstId is taken.</summary>
    public async Task<bool> CreateAsync(InstitutionCreate body, string apiKeyHash, string apiKeyPrefix, string? sealedBlockKey, string? sealedTripleDesKey, DateTimeOffset now) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            """
            INSERT INTO utility_institutions (inst_id, name, api_key_hash, api_key_prefix, block_key_sealed, triple_des_key_sealed, rate_limit_per_second, created_at)
            VALUES (@InstId, @Name, @apiKeyHash, @apiKeyPrefix, @sealedBlockKey, @sealedTripleDesKey, @RateLimitPerSecond, @at)
            ON CONFLICT (inst_id) DO NOTHING
            """,
            new { body.InstId, body.Name, apiKeyHash, apiKeyPrefix, sealedBlockKey, sealedTripleDesKey, body.RateLimitPerSecond, at = now.ToString("O") },
            transaction)) == 1;

    /// <summary>Changes name and rate limit, and the cipher keys given (null keeps the stored one); false when there is no such institution.</summary>
    public async Task<bool> UpdateAsync(string instId, InstitutionUpdate body, string? sealedBlockKey, string? sealedTripleDesKey) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            """
            UPDATE utility_institutions SET name = @Name, rate_limit_per_second = @RateLimitPerSecond,
                block_key_sealed = COALESCE(@sealedBlockKey, block_key_sealed),
                triple_des_key_sealed = COALESCE(@sealedTripleDesKey, triple_des_key_sealed)
            WHERE inst_id = @instId
            """,
            new { instId, body.Name, body.RateLimitPerSecond, sealedBlockKey, sealedTripleDesKey },
            transaction)) == 1;

    /// <summary>Replaces the API key; false when there is no such institution.</summary>
    public async Task<bool> SetApiKeyAsync(string instId, string apiKeyHash, string apiKeyPrefix) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            "UPDATE utility_institutions SET api_key_hash = @apiKeyHash, api_key_prefix = @apiKeyPrefix WHERE inst_id = @instId",
            new { instId, apiKeyHash, apiKeyPrefix },
            transaction)) == 1;
}
