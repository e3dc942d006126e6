using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;

namespace PayHub.Protocols.Crypto;

/// <summary>SM4 (GB/T 32907) with PKCS#7 padding, from BouncyCastle: the platform has no SM4.</summary>
public static class Sm4
{
    public const int BlockSize = 16;

    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, BlockChaining chaining, ReadOnlySpan<byte> iv) =>
        Run(true, key, plaintext, chaining, iv);

    public static byte[] Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> ciphertext, BlockChaining chaining, ReadOnlySpan<byte> iv) =>
        Run(false, key, ciphertext, chaining, iv);

    private static byte[] Run(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, BlockChaining chaining, ReadOnlySpan<byte> iv)
    {
        if (key.Length != BlockSize)
        {
            throw new System.Security.Cryptography.CryptographicException("SM4 needs a 16-byte key.");
        }

        // What CipherUtilities.GetCipher("SM4/ECB/PKCS7Padding") (or "SM4/CBC/…") returns, without parsing the name on every body.
        IBlockCipherMode mode = chaining == BlockChaining.Cbc ? new CbcBlockCipher(new SM4Engine()) : new EcbBlockCipher(new SM4Engine());
        var cipher = new PaddedBufferedBlockCipher(mode, new Pkcs7Padding());
        ICipherParameters parameters = new KeyParameter(key.ToArray());
        if (chaining == BlockChaining.Cbc)
        {
            parameters = new ParametersWithIV(parameters, iv.ToArray());
        }

        cipher.Init(encrypt, parameters);
        try
        {
            return cipher.DoFinal(input.ToArray());
        }
        catch (CryptoException e)
        {
            throw new System.Security.Cryptography.CryptographicException("SM4: " + e.Message, e);
        }
    }
}
