using System.Security.Cryptography;
using PayHub.Protocols.Crypto;

namespace PayHub.Protocols.Utility;

/// <summary>
/// The EncryptType/EncryptMode headers and the encrypted body: base64 of the ciphertext (ECB) or of
/// IV || ciphertext (CBC). <c>Kind</c> is null for <c>NONE</c>.
/// </summary>
public sealed record UtilityEncryption(BlockCipherKind? Kind, BlockChaining Chaining)
{
    public static UtilityEncryption None { get; } = new(null, BlockChaining.Ecb);

    public bool IsEncrypted => Kind is not null;

    public string TypeHeader => Kind switch
    {
        BlockCipherKind.Sm4 => "SM4",
        BlockCipherKind.Aes => "AES",
        BlockCipherKind.TripleDes => "3DES",
        _ => "NONE",
    };

    public string ModeHeader => Chaining == BlockChaining.Cbc ? "CBC" : "ECB";

    /// <summary>Reads the two headers; false when either names something that is not in the table.</summary>
    public static bool TryParse(string? encryptType, string? encryptMode, out UtilityEncryption encryption)
    {
        encryption = None;
        BlockCipherKind? kind;
        switch (encryptType?.Trim().ToUpperInvariant())
        {
            case null or "" or "NONE":
                kind = null;
                break;
            case "SM4":
                kind = BlockCipherKind.Sm4;
                break;
            case "AES":
                kind = BlockCipherKind.Aes;
                break;
            case "3DES" or "DESEDE" or "TRIPLEDES":
                kind = BlockCipherKind.TripleDes;
                break;
            default:
                return false;
        }

        BlockChaining chaining;
        switch (encryptMode?.Trim().ToUpperInvariant())
        {
            case null or "" or "ECB":
                chaining = BlockChaining.Ecb;
                break;
            case "CBC":
                chaining = BlockChaining.Cbc;
                break;
            default:
                return false;
        }

        encryption = new UtilityEncryption(kind, chaining);
        return true;
    }

    /// <summary>Base64 text of the encrypted payload.</summary>
    public string Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> iv = default) =>
        Convert.ToBase64String(BodyCipher.Encrypt(Kind ?? throw new InvalidOperationException("not encrypted"), Chaining, key, payload, iv));

    /// <summary>The payload inside base64 text; throws <see cref="CryptographicException"/> when it cannot be opened.</summary>
    public byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> body)
    {
        var text = System.Text.Encoding.ASCII.GetString(body).Trim();
        byte[] data;
        try
        {
            data = Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("body is not base64", e);
        }

        return BodyCipher.Decrypt(Kind ?? throw new InvalidOperationException("not encrypted"), Chaining, key, data);
    }
}
