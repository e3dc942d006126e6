using PayHub.Protocols.Crypto;
using PayHub.Protocols.Utility;

namespace PayHub.Client.Utility;

/// <summary>A bank's (institution's) credentials and wire choices for the utility interface.</summary>
public sealed class UtilityClientOptions : PayHubClientOptions
{
    /// <summary>The institution's InstId, bound to its API key (demo: <c>00001</c>).</summary>
    public string InstId { get; set; } = "";

    /// <summary>The institution's API key, sent as <c>X-API-Key</c> (demo: <c>demo-utility-key</c>).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>XML (GBK by default) or JSON (UTF-8).</summary>
    public UtilityDataType DataType { get; set; } = UtilityDataType.Xml;

    /// <summary>The charset XML bodies are written in and declare: <c>GBK</c> (the seed's), <c>GB18030</c> or <c>UTF-8</c>.</summary>
    public string Charset { get; set; } = "GBK";

    /// <summary>
    /// The body cipher: <see cref="UtilityEncryption.None"/>, or for example
    /// <c>new UtilityEncryption(BlockCipherKind.Sm4, BlockChaining.Cbc)</c>; CBC draws a fresh IV per request.
    /// </summary>
    public UtilityEncryption Encryption { get; set; } = UtilityEncryption.None;

    /// <summary>The institution's cipher key for <see cref="Encryption"/>: 16 bytes for SM4 and AES, 24 for 3DES.</summary>
    public byte[]? CipherKey { get; set; }

    /// <summary>Sets <see cref="Encryption"/> and <see cref="CipherKey"/> from the header names and a hex key (as a profile holds them).</summary>
    /// <param name="encryptType"><c>NONE</c>, <c>SM4</c>, <c>AES</c> or <c>3DES</c>.</param>
    /// <param name="encryptMode"><c>ECB</c> or <c>CBC</c>.</param>
    /// <param name="keyHex">The key in hex; ignored for <c>NONE</c>.</param>
    public UtilityClientOptions UseEncryption(string encryptType, string encryptMode, string? keyHex)
    {
        if (!UtilityEncryption.TryParse(encryptType, encryptMode, out var encryption))
        {
            throw new ArgumentException($"EncryptType {encryptType} / EncryptMode {encryptMode} is not one of NONE, SM4, AES, 3DES / ECB, CBC.");
        }

        Encryption = encryption;
        CipherKey = encryption.IsEncrypted ? Convert.FromHexString(keyHex ?? throw new ArgumentException($"{encryptType} needs a key.")) : null;
        return this;
    }

    internal int KeyLength => Encryption.Kind == BlockCipherKind.TripleDes ? 24 : 16;
}
