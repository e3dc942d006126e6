namespace PayHub.GlobalAccounts;

public sealed record AuthCodeIssued(string AuthCode, string ExpiresAt);
