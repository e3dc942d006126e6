namespace PayHub.RiskCases;

/// <summary>A service provider that can call the interface: its accessid, secret, place in the tree and rate limit.</summary>
public sealed record RiskAgent(string AgentNo, string AccessId, string Secret, string AgentPath, int? RateLimitPerSecond);
