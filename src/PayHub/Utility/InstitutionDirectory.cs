using PayHub.Hosting;
using PayHub.Secrets;

namespace PayHub.Utility;

/// <summary>
/// Finds the institution an API key belongs to. Keys are stored only as keyed hashes; answers are
/// cached for a few seconds (so another node's changes arrive within that time) and dropped at
/// once when this node changes an institution. Unknown keys are not cached.
/// </summary>
public sealed class InstitutionDirectory(InstitutionStore store, SecretHasher hasher, SecretBox box, TimeProvider clock) : ICachedData, IDisposable
{
    private readonly ShortLivedCache<string, Institution?> _byApiKey = new("institutions", TimeSpan.FromSeconds(5), keepMisses: false);

    /// <summary>The institution of a key; a previous key is answered only inside its overlap window (checked on every call).</summary>
    public async ValueTask<Institution?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken) =>
        await _byApiKey.GetOrAddAsync(apiKey, LoadAsync, cancellationToken) is { } institution
        && (institution.KeyValidUntil is not { } until || until > clock.GetUtcNow())
            ? institution
            : null;

    /// <summary>Forgets every cached answer; called after any change to institutions.</summary>
    public void Invalidate() => _byApiKey.Clear();

    public void Dispose() => _byApiKey.Dispose();

    private Task<Institution?> LoadAsync(string apiKey, CancellationToken cancellationToken) =>
        Task.FromResult(Load(apiKey));

    private Institution? Load(string apiKey) =>
        store.FindByApiKeyHash(hasher.Hash(apiKey), clock.GetUtcNow()) is { } row
            ? new Institution(
                row.InstId,
                row.Name,
                row.SealedBlockKey is null ? null : box.Open(row.SealedBlockKey),
                row.SealedTripleDesKey is null ? null : box.Open(row.SealedTripleDesKey),
                row.RateLimit,
                row.KeyUntil is null ? null : DateTimeOffset.Parse(row.KeyUntil, System.Globalization.CultureInfo.InvariantCulture))
            : null;
}
