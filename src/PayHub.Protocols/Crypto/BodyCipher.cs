using System.Security.Cryptography;

namespace PayHub.Protocols.Crypto;

/// <summary>
/// Encrypts and decrypts whole message bodies with SM4, AES-128 or 3DES, PKCS#7 padded.
/// In CBC the output is IV || ciphertext and the input is read the same way.
/// </summary>
public static class BodyCipher
{
    public static int IvLength(BlockCipherKind kind) => kind == BlockCipherKind.TripleDes ? 8 : 16;

    /// <summary>Encrypts; in CBC a fresh random IV is drawn unless one is given (tests pass the vectors' IV).</summary>
    public static byte[] Encrypt(BlockCipherKind kind, BlockChaining chaining, ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> iv = default)
    {
        if (chaining == BlockChaining.Ecb)
        {
            return EncryptBlocks(kind, chaining, key, plaintext, default);
        }

        var ivBytes = iv.IsEmpty ? RandomNumberGenerator.GetBytes(IvLength(kind)) : iv.ToArray();
        if (ivBytes.Length != IvLength(kind))
        {
            throw new CryptographicException($"{kind} CBC needs a {IvLength(kind)}-byte IV.");
        }

        var ciphertext = EncryptBlocks(kind, chaining, key, plaintext, ivBytes);
        return [.. ivBytes, .. ciphertext];
    }

    /// <summary>Decrypts; throws <see cref="CryptographicException"/> when the data, key or padding do not fit.</summary>
    public static byte[] Decrypt(BlockCipherKind kind, BlockChaining chaining, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        if (chaining == BlockChaining.Ecb)
        {
            return DecryptBlocks(kind, chaining, key, data, default);
        }

        var ivLength = IvLength(kind);
        if (data.Length <= ivLength)
        {
            throw new CryptographicException("CBC data shorter than its IV.");
        }

        return DecryptBlocks(kind, chaining, key, data[ivLength..], data[..ivLength]);
    }

    private static byte[] EncryptBlocks(BlockCipherKind kind, BlockChaining chaining, ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> iv)
    {
        if (kind == BlockCipherKind.Sm4)
        {
            return Sm4.Encrypt(key, plaintext, chaining, iv);
        }

        using var algorithm = CreatePlatformCipher(kind, key);
        return chaining == BlockChaining.Ecb
            ? algorithm.EncryptEcb(plaintext, PaddingMode.PKCS7)
            : algorithm.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
    }

    private static byte[] DecryptBlocks(BlockCipherKind kind, BlockChaining chaining, ReadOnlySpan<byte> key, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> iv)
    {
        if (kind == BlockCipherKind.Sm4)
        {
            return Sm4.Decrypt(key, ciphertext, chaining, iv);
        }

        using var algorithm = CreatePlatformCipher(kind, key);
        return chaining == BlockChaining.Ecb
            ? algorithm.DecryptEcb(ciphertext, PaddingMode.PKCS7)
            : algorithm.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
    }

    private static SymmetricAlgorithm CreatePlatformCipher(BlockCipherKind kind, ReadOnlySpan<byte> key)
    {
        SymmetricAlgorithm algorithm = kind switch
        {
            BlockCipherKind.Aes when key.Length == 16 => Aes.Create(),
            BlockCipherKind.TripleDes when key.Length == 24 => TripleDES.Create(),
            _ => throw new CryptographicException($"{kind} needs a {(kind == BlockCipherKind.Aes ? 16 : 24)}-byte key."),
        };
        try
        {
            algorithm.Key = key.ToArray();
        }
        catch
        {
            algorithm.Dispose();
            throw;
        }

        return algorithm;
    }
}
