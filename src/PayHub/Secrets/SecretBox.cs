using System.Security.Cryptography;

namespace PayHub.Secrets;

/// <summary>
/// Secrets the server computes with (cipher keys, HMAC and sign secrets, private keys): sealed
/// with AES-256-GCM under a key derived from the master key, stored as <c>v1:base64(nonce|tag|ciphertext)</c>.
/// </summary>
public sealed class SecretBox(MasterKey masterKey)
{
    private const string Version = "v1:";

    public string Seal(ReadOnlySpan<byte> secret)
    {
        var sealedBytes = new byte[12 + 16 + secret.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(masterKey.SealKey, 16);
        aes.Encrypt(nonce, secret, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens a sealed secret; throws <see cref="CryptographicException"/> under a different master key.</summary>
    public byte[] Open(string sealedText)
    {
        if (!sealedText.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("unknown sealed-secret format");
        }

        var sealedBytes = Convert.FromBase64String(sealedText[Version.Length..]);
        var plaintext = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(masterKey.SealKey, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plaintext);
        return plaintext;
    }
}
