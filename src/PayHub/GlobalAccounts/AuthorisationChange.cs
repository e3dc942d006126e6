namespace PayHub.GlobalAccounts;

/// <summary>A customer as a client knows it: its referenceCustomerId there, and whether it has authorised the client.</summary>
public sealed record AuthorisationChange(string? ReferenceCustomerId, bool? Authorised);
