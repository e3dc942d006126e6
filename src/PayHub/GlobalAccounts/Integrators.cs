using System.Collections.Concurrent;
using Dapper;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>An integrator client: the accountTypes it may query, its rate limit, and its public keys by keyVersion.</summary>
public sealed record Integrator(string ClientId, IReadOnlySet<string> AccountTypes, int? RateLimitPerSecond, IReadOnlyDictionary<int, RsaKey> Keys);

/// <summary>The integrator clients by Client-Id, with their keys imported; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class Integrators(Database database, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Integrator? Integrator, DateTimeOffset Until)> _byClientId = new(StringComparer.Ordinal);

    public Integrator? Find(string clientId)
    {
        var now = clock.GetUtcNow();
        if (_byClientId.TryGetValue(clientId, out var cached) && cached.Until > now)
        {
            return cached.Integrator;
        }

        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(string ClientId, string AccountTypes, long? RateLimit)>(
            "SELECT client_id, account_types, rate_limit_per_second FROM ga_clients WHERE client_id = @clientId", new { clientId });
        Integrator? integrator = null;
        if (row.ClientId is not null)
        {
            var keys = connection.Query<(long Version, string Pem)>(
                    "SELECT key_version, public_key_pem FROM ga_client_keys WHERE client_id = @clientId", new { clientId })
                .ToDictionary(k => (int)k.Version, k => RsaKey.FromPem(k.Pem));
            integrator = new Integrator(
                row.ClientId,
                row.AccountTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
                (int?)row.RateLimit,
                keys);
        }

        if (_byClientId.Count >= MaxEntries)
        {
            _byClientId.Clear();
        }

        _byClientId[clientId] = (integrator, now + Lifetime);
        return integrator;
    }

    public void Invalidate() => _byClientId.Clear();
}
