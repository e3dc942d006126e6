namespace PayHub.GlobalAccounts;

/// <summary>An integrator client: the accountTypes it may query, its rate limit, and its public keys by keyVersion.</summary>
public sealed record Integrator(string ClientId, IReadOnlySet<string> AccountTypes, int? RateLimitPerSecond, IReadOnlyDictionary<int, RsaKey> Keys);
