using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

public sealed record FrontEndView
{
    public string ClientId { get; init; } = "";

    public string Name { get; init; } = "";

    public string SecretPrefix { get; init; } = "";

    public long? RateLimitPerSecond { get; init; }

    public string CreatedAt { get; init; } = "";

    /// <summary>False when the front-end is disabled: its requests are refused as an unknown one's are.</summary>
    public bool Enabled { get; init; } = true;
}
