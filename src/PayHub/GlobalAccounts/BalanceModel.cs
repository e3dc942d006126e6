namespace PayHub.GlobalAccounts;

public sealed record BalanceModel(string? Currency, decimal? Available, decimal? Frozen);
