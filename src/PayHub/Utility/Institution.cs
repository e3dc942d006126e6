using PayHub.Protocols.Crypto;

namespace PayHub.Utility;

/// <summary>A bank connected to the utility: its InstId, its cipher keys (opened) and its rate limit.</summary>
public sealed record Institution(string InstId, string Name, byte[]? BlockKey, byte[]? TripleDesKey, int? RateLimitPerSecond, DateTimeOffset? KeyValidUntil = null)
{
    /// <summary>The key for a cipher: the 3DES key for 3DES, the block key for SM4 and AES.</summary>
    public byte[]? KeyFor(BlockCipherKind kind) => kind == BlockCipherKind.TripleDes ? TripleDesKey : BlockKey;
}
