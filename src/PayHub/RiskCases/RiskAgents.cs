using System.Collections.Concurrent;
using System.Text;
using Dapper;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>A service provider that can call the interface: its accessid, secret, place in the tree and rate limit.</summary>
public sealed record RiskAgent(string AgentNo, string AccessId, string Secret, string AgentPath, int? RateLimitPerSecond);

/// <summary>The agents by accessid, with their secrets opened; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class RiskAgents(Database database, SecretBox box, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (RiskAgent? Agent, DateTimeOffset Until)> _byAccessId = new(StringComparer.Ordinal);

    /// <summary>The enabled agent with this accessid, or null.</summary>
    public RiskAgent? Find(string accessId)
    {
        var now = clock.GetUtcNow();
        if (_byAccessId.TryGetValue(accessId, out var cached) && cached.Until > now)
        {
            return cached.Agent;
        }

        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(string AgentNo, string Secret, string Path, long? RateLimit)>(
            "SELECT agent_no, secret_sealed, agent_path, rate_limit_per_second FROM risk_agents WHERE accessid = @accessId AND enabled = 1 AND secret_sealed IS NOT NULL",
            new { accessId });
        var agent = row.AgentNo is null ? null : new RiskAgent(row.AgentNo, accessId, Encoding.UTF8.GetString(box.Open(row.Secret)), row.Path, (int?)row.RateLimit);
        if (_byAccessId.Count >= MaxEntries)
        {
            _byAccessId.Clear();
        }

        _byAccessId[accessId] = (agent, now + Lifetime);
        return agent;
    }

    public void Invalidate() => _byAccessId.Clear();
}
