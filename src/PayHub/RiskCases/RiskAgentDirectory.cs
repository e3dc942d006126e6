using System.Text;
using Dapper;
using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>The agents by accessid, with their secrets opened; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class RiskAgentDirectory(Database database, SecretBox box) : IDisposable
{
    private readonly ShortLivedCache<string, RiskAgent?> _byAccessId = new(TimeSpan.FromSeconds(5));

    /// <summary>The enabled agent with this accessid, or null.</summary>
    public RiskAgent? Find(string accessId) => _byAccessId.GetOrAdd(accessId, Load);

    public void Invalidate() => _byAccessId.Clear();

    public void Dispose() => _byAccessId.Dispose();

    private RiskAgent? Load(string accessId)
    {
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(string AgentNo, string Secret, string Path, long? RateLimit)>(
            "SELECT agent_no, secret_sealed, agent_path, rate_limit_per_second FROM risk_agents WHERE accessid = @accessId AND enabled = 1 AND secret_sealed IS NOT NULL",
            new { accessId });
        return row.AgentNo is null ? null : new RiskAgent(row.AgentNo, accessId, Encoding.UTF8.GetString(box.Open(row.Secret)), row.Path, (int?)row.RateLimit);
    }
}
