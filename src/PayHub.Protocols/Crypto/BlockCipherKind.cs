namespace PayHub.Protocols.Crypto;

/// <summary>The block ciphers a utility institution may encrypt its bodies with.</summary>
public enum BlockCipherKind
{
    Sm4,
    Aes,
    TripleDes,
}

/// <summary>How the blocks are chained: ECB, or CBC with a random IV sent in front of the ciphertext.</summary>
public enum BlockChaining
{
    Ecb,
    Cbc,
}
