using System.Text;
using PayHub.Hosting;
using PayHub.Secrets;

namespace PayHub.RiskCases;

/// <summary>The agents by accessid, with their secrets opened; cached a few seconds, dropped at once on this node's changes.</summary>
public sealed class RiskAgentDirectory(RiskAgentStore store, SecretBox box, TimeProvider clock) : ICachedData, IDisposable
{
    private readonly ShortLivedCache<string, RiskAgent?> _byAccessId = new("risk-agents", TimeSpan.FromSeconds(5));

    /// <summary>The enabled agent with this accessid, or null.</summary>
    public RiskAgent? Find(string accessId) =>
        _byAccessId.GetOrAdd(accessId, Load) is { } agent && (agent.ValidUntil is not { } until || until > clock.GetUtcNow()) ? agent : null;

    public void Invalidate() => _byAccessId.Clear();

    public void Dispose() => _byAccessId.Dispose();

    private RiskAgent? Load(string accessId) =>
        store.FindByAccessId(accessId, clock.GetUtcNow()) is { } row
            ? new RiskAgent(
                row.AgentNo,
                accessId,
                Encoding.UTF8.GetString(box.Open(row.SealedSecret)),
                row.Path,
                row.RateLimit,
                row.Until is null ? null : DateTimeOffset.Parse(row.Until, System.Globalization.CultureInfo.InvariantCulture))
            : null;
}
