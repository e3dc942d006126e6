namespace PayHub.Sandbox;

/// <summary>A caller's fault as kept: what, how many left or what share, the seed, and how many of its requests were seen since it was set.</summary>
public sealed record FaultView
{
    public string Scope { get; init; } = "";

    public string Kind { get; init; } = "";

    public long DelayMs { get; init; }

    public long? Remaining { get; init; }

    public double? Fraction { get; init; }

    public long Seed { get; init; }

    public long Seen { get; init; }
}
