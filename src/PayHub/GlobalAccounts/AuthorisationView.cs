namespace PayHub.GlobalAccounts;

public sealed record AuthorisationView(string ClientId, string CustomerId, string? ReferenceCustomerId, bool Authorised, int RevokedGrants);
