using System.Collections.Concurrent;
using Dapper;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>A registered front-end system: its client id, its HMAC secret and its rate limit.</summary>
public sealed record FrontEnd(string ClientId, byte[] Secret, int? RateLimitPerSecond);

/// <summary>The front-ends by client id, with secrets opened; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class FrontEndDirectory(Database database, SecretBox box, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (FrontEnd? FrontEnd, DateTimeOffset Until)> _byClientId = new(StringComparer.Ordinal);

    public FrontEnd? Find(string clientId)
    {
        var now = clock.GetUtcNow();
        if (_byClientId.TryGetValue(clientId, out var cached) && cached.Until > now)
        {
            return cached.FrontEnd;
        }

        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(string ClientId, string Secret, long? RateLimit)>(
            "SELECT client_id, secret_sealed, rate_limit_per_second FROM dsp_front_ends WHERE client_id = @clientId", new { clientId });
        var frontEnd = row.ClientId is null ? null : new FrontEnd(row.ClientId, box.Open(row.Secret), (int?)row.RateLimit);
        if (_byClientId.Count >= MaxEntries)
        {
            _byClientId.Clear();
        }

        _byClientId[clientId] = (frontEnd, now + Lifetime);
        return frontEnd;
    }

    public void Invalidate() => _byClientId.Clear();
}
