namespace PayHub.RiskCases;

/// <summary>A service provider that can call the interface: its accessid, secret, place in the tree and rate limit.</summary>
/// <remarks>Found by an accessid a rotation replaced, it carries the replaced secret and until when it works.</remarks>
public sealed record RiskAgent(string AgentNo, string AccessId, string Secret, string AgentPath, int? RateLimitPerSecond, DateTimeOffset? ValidUntil = null);
