using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>Tokens issued by an exchange: the access token (30 days) and the refresh token (90 days).</summary>
public sealed record IssuedTokens(string CustomerId, string AccessToken, DateTimeOffset AccessExpires, string RefreshToken, DateTimeOffset RefreshExpires);
