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

    /// <summary>False when the institution is disabled: its requests are refused as an unknown key's are.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Until when the key replaced last still works beside the new one; null when it does not.</summary>
    public string? PreviousKeyUntil { get; init; }
}
