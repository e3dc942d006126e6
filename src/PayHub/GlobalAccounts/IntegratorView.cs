namespace PayHub.GlobalAccounts;

public sealed record IntegratorView(string ClientId, string Name, IReadOnlyList<string> AccountTypes, long? RateLimitPerSecond, IReadOnlyList<long> KeyVersions, bool Enabled = true);
