namespace PayHub.GlobalAccounts;

/// <summary>An integrator client: the accountTypes it may query (RECEIVE_ACCOUNT, ALIPAY_WALLET, VIRTUAL_ACCOUNT, ALIPAY_SHADOW_WALLET) and its rate limit.</summary>
public sealed record IntegratorChange(string? ClientId, string? Name, IReadOnlyList<string>? AccountTypes, int? RateLimitPerSecond);
