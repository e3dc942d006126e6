namespace PayHub.GlobalAccounts;

public sealed record ServerKeyView(int KeyVersion, string PublicKeyPem);
