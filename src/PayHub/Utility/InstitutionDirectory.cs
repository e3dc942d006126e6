using System.Collections.Concurrent;
using Dapper;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>
/// Finds the institution an API key belongs to. Keys are stored only as keyed hashes; answers are
/// cached for a few seconds (so another node's changes arrive within that time) and dropped at
/// once when this node changes an institution.
/// </summary>
public sealed class InstitutionDirectory(Database database, SecretHasher hasher, SecretBox box, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Institution Institution, DateTimeOffset Until)> _byApiKey = new(StringComparer.Ordinal);

    public async ValueTask<Institution?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_byApiKey.TryGetValue(apiKey, out var cached) && cached.Until > now)
        {
            return cached.Institution;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string InstId, string Name, string? BlockKey, string? TripleDesKey, long? RateLimit)>(
            """
            SELECT inst_id, name, block_key_sealed, triple_des_key_sealed, rate_limit_per_second
            FROM utility_institutions WHERE api_key_hash = @hash
            """,
            new { hash = hasher.Hash(apiKey) });
        if (row.InstId is null)
        {
            return null;
        }

        var institution = new Institution(
            row.InstId,
            row.Name,
            row.BlockKey is null ? null : box.Open(row.BlockKey),
            row.TripleDesKey is null ? null : box.Open(row.TripleDesKey),
            (int?)row.RateLimit);
        if (_byApiKey.Count >= MaxEntries)
        {
            _byApiKey.Clear();
        }

        _byApiKey[apiKey] = (institution, now + Lifetime);
        return institution;
    }

    /// <summary>Forgets every cached answer; called after any change to institutions.</summary>
    public void Invalidate() => _byApiKey.Clear();
}
