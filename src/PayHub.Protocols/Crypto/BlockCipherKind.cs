namespace PayHub.Protocols.Crypto;

/// <summary>The block ciphers a utility institution may encrypt its bodies with.</summary>
public enum BlockCipherKind
{
    Sm4,
    Aes,
    TripleDes,
}
