using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

public sealed record FrontEndChange(string? ClientId, string? Name, int? RateLimitPerSecond);
