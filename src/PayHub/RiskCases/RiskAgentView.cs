namespace PayHub.RiskCases;

public sealed record RiskAgentView
{
    public string AgentNo { get; init; } = "";

    public string Name { get; init; } = "";

    public string? ParentAgentNo { get; init; }

    public long Level { get; init; }

    public string FirstAgentNo { get; init; } = "";

    public string? Accessid { get; init; }

    public string? NotifyUrl { get; init; }

    public bool Enabled { get; init; }

    public long? RateLimitPerSecond { get; init; }
}
