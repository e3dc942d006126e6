namespace PayHub.Utility;

public sealed record InstitutionView
{
    public string InstId { get; init; } = "";

    public string Name { get; init; } = "";

    public string ApiKeyPrefix { get; init; } = "";

    public bool HasBlockKey { get; init; }

    public bool HasTripleDesKey { get; init; }

    public long? RateLimitPerSecond { get; init; }

    public string CreatedAt { get; init; } = "";
}
