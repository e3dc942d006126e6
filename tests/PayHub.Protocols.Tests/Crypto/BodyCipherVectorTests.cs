using System.Text;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Protocols.Tests.Crypto;

public class BodyCipherVectorTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var vector in Vectors.Signing.GetProperty("utility_encryption").EnumerateArray())
        {
            data.Add(vector.GetProperty("EncryptType").GetString() + "/" + vector.GetProperty("EncryptMode").GetString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decrypts_the_vector_body_to_its_GBK_plaintext(string name)
    {
        var (encryption, vector) = Find(name);
        var key = Convert.FromHexString(vector.GetProperty("key_hex").GetString()!);

        var plaintext = encryption.Open(key, Encoding.ASCII.GetBytes(vector.GetProperty("body_base64").GetString()!));

        Assert.Equal(vector.GetProperty("plaintext_gbk_hex").GetString(), Convert.ToHexStringLower(plaintext));
        Assert.Equal(vector.GetProperty("plaintext_gbk_as_text").GetString(), XmlCharsets.Gbk.GetString(plaintext));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encrypts_the_vector_plaintext_to_the_vector_body(string name)
    {
        var (encryption, vector) = Find(name);
        var key = Convert.FromHexString(vector.GetProperty("key_hex").GetString()!);
        var iv = Convert.FromHexString(vector.GetProperty("iv_hex").GetString()!);
        var plaintext = XmlCharsets.Gbk.GetBytes(vector.GetProperty("plaintext_gbk_as_text").GetString()!);

        Assert.Equal(vector.GetProperty("body_base64").GetString(), encryption.Seal(key, plaintext, iv));
    }

    [Theory]
    [InlineData(BlockCipherKind.Sm4, 16)]
    [InlineData(BlockCipherKind.Aes, 16)]
    [InlineData(BlockCipherKind.TripleDes, 24)]
    public void CBC_draws_a_fresh_IV_each_time_and_still_opens(BlockCipherKind kind, int keyLength)
    {
        var key = Enumerable.Range(1, keyLength).Select(i => (byte)(i * 7)).ToArray();
        var plaintext = "<in><a>张三</a></in>"u8.ToArray();

        var first = BodyCipher.Encrypt(kind, BlockChaining.Cbc, key, plaintext);
        var second = BodyCipher.Encrypt(kind, BlockChaining.Cbc, key, plaintext);

        Assert.NotEqual(first, second);
        Assert.Equal(plaintext, BodyCipher.Decrypt(kind, BlockChaining.Cbc, key, first));
        Assert.Equal(plaintext, BodyCipher.Decrypt(kind, BlockChaining.Cbc, key, second));
    }

    [Fact]
    public void A_body_that_is_not_base64_cannot_be_opened()
    {
        var encryption = new UtilityEncryption(BlockCipherKind.Sm4, BlockChaining.Ecb);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => encryption.Open(new byte[16], "<in>not encrypted</in>"u8));
    }

    [Fact]
    public void Ciphertext_that_is_not_whole_blocks_cannot_be_opened()
    {
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => BodyCipher.Decrypt(BlockCipherKind.Sm4, BlockChaining.Ecb, new byte[16], new byte[15]));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => BodyCipher.Decrypt(BlockCipherKind.Aes, BlockChaining.Cbc, new byte[16], new byte[8]));
    }

    private static (UtilityEncryption Encryption, System.Text.Json.JsonElement Vector) Find(string name)
    {
        var vector = Vectors.Signing.GetProperty("utility_encryption").EnumerateArray()
            .Single(v => v.GetProperty("EncryptType").GetString() + "/" + v.GetProperty("EncryptMode").GetString() == name);
        Assert.True(UtilityEncryption.TryParse(vector.GetProperty("EncryptType").GetString(), vector.GetProperty("EncryptMode").GetString(), out var encryption));
        return (encryption, vector);
    }
}
