namespace PayHub.Protocols.Crypto;

/// <summary>How the blocks are chained: ECB, or CBC with a random IV sent in front of the ciphertext.</summary>
public enum BlockChaining
{
    Ecb,
    Cbc,
}
