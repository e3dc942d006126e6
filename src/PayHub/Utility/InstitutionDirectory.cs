using Dapper;
using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// Finds the institution an API key belongs to. Keys are stored only as keyed hashes; answers are
/// cached for a few seconds (so another node's changes arrive within that time) and dropped at
/// once when this node changes an institution. Unknown keys are not cached.
/// </summary>
public sealed class InstitutionDirectory(Database database, SecretHasher hasher, SecretBox box) : IDisposable
{
    private readonly ShortLivedCache<string, Institution?> _byApiKey = new(TimeSpan.FromSeconds(5), keepMisses: false);

    public ValueTask<Institution?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken) =>
        _byApiKey.GetOrAddAsync(apiKey, LoadAsync, cancellationToken);

    /// <summary>Forgets every cached answer; called after any change to institutions.</summary>
    public void Invalidate() => _byApiKey.Clear();

    public void Dispose() => _byApiKey.Dispose();

    private async Task<Institution?> LoadAsync(string apiKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string InstId, string Name, string? BlockKey, string? TripleDesKey, long? RateLimit)>(
            """
            SELECT inst_id, name, block_key_sealed, triple_des_key_sealed, rate_limit_per_second
            FROM utility_institutions WHERE api_key_hash = @hash
            """,
            new { hash = hasher.Hash(apiKey) });
        return row.InstId is null
            ? null
            : new Institution(
                row.InstId,
                row.Name,
                row.BlockKey is null ? null : box.Open(row.BlockKey),
                row.TripleDesKey is null ? null : box.Open(row.TripleDesKey),
                (int?)row.RateLimit);
    }
}
