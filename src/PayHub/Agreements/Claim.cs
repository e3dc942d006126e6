namespace PayHub.Agreements;

/// <summary>A request's claim of its ReqSeqID: what the register says of it, and the kept answer when there is one.</summary>
public sealed record Claim(ClaimKind Kind, DspAnswer? Answer = null);
