namespace PayHub.RiskCases;

/// <summary>An agent (service provider): its place in the tree (parent), where its cases are pushed, its rate limit.</summary>
public sealed record RiskAgentChange(string? AgentNo, string? Name, string? ParentAgentNo, string? NotifyUrl, bool? Enabled, int? RateLimitPerSecond);
