namespace PayHub.GlobalAccounts;

/// <summary>A client's public key (PEM, RSA 2048 or more) for one keyVersion.</summary>
public sealed record ClientKeyChange(string? PublicKeyPem);
