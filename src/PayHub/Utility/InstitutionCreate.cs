namespace PayHub.Utility;

/// <summary>A new institution. Keys in hex: the SM4/AES-128 key 32 digits, the 3DES key 48.</summary>
public sealed record InstitutionCreate(string? InstId, string? Name, string? BlockKeyHex, string? TripleDesKeyHex, int? RateLimitPerSecond);
