namespace PayHub.Utility;

/// <summary>A payment recorded by an operator (e.g. taken at a counter), in fen.</summary>
public sealed record PaymentCreate(string? PayDate, long? AmountFen, string? InstId, string? TranSeq, string? Channel);
