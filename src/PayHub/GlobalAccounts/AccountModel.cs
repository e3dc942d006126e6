namespace PayHub.GlobalAccounts;

public sealed record AccountModel(string? AccountNo, string? AccountType, string? Status, IReadOnlyList<string>? Currencies, IReadOnlyList<BalanceModel>? Balances);
