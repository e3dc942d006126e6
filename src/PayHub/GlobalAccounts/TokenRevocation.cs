namespace PayHub.GlobalAccounts;

public sealed record TokenRevocation(string? Token);
