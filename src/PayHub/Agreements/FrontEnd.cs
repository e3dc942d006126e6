using PayHub.Hosting;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>A registered front-end system: its client id, its HMAC secret and its rate limit.</summary>
public sealed record FrontEnd(string ClientId, byte[] Secret, int? RateLimitPerSecond);
