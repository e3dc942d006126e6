using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

public sealed record FrontEndView
{
    public string ClientId { get; init; } = "";

    public string Name { get; init; } = "";

    public string SecretPrefix { get; init; } = "";

    public long? RateLimitPerSecond { get; init; }

    public string CreatedAt { get; init; } = "";
}
