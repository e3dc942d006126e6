using System.Security.Cryptography;
using System.Text;

namespace PayHub.Secrets;

/// <summary>
/// The master key from configuration (<c>PayHub:MasterKey</c>, base64 of 32 bytes). Two keys are
/// derived from it with HKDF: one to hash the secrets the server only compares, one to seal the
/// secrets it computes with.
/// </summary>
public sealed class MasterKey
{
    /// <summary>The documented demo master key, used by <c>serve --demo</c> when none is configured. Never for production.</summary>
    public const string Demo = "UGF5SHViIGRlbW8gbWFzdGVyIGtleTogcHVibGljISE=";

    public MasterKey(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("PayHub:MasterKey must be base64 of 32 bytes.", e);
        }

        if (key.Length != 32)
        {
            throw new InvalidOperationException("PayHub:MasterKey must be base64 of 32 bytes.");
        }

        HashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: Encoding.ASCII.GetBytes("payhub secret hash"));
        SealKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: Encoding.ASCII.GetBytes("payhub secret seal"));
    }

    internal byte[] HashKey { get; }

    internal byte[] SealKey { get; }
}
