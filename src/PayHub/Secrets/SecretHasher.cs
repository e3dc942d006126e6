using System.Security.Cryptography;
using System.Text;

namespace PayHub.Secrets;

/// <summary>
/// Secrets the server only compares (API keys, admin tokens): stored as HMAC-SHA256 under a key
/// derived from the master key, beside a short visible prefix that lets an operator tell them apart.
/// </summary>
public sealed class SecretHasher(MasterKey masterKey)
{
    public const int PrefixLength = 6;

    public string Hash(string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(masterKey.HashKey, Encoding.UTF8.GetBytes(secret)));

    public static string Prefix(string secret) => secret.Length <= PrefixLength ? "" : secret[..PrefixLength];

    /// <summary>A new random secret: a readable kind prefix and 32 random bytes in base64url.</summary>
    public static string NewSecret(string kind) =>
        kind + "_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
