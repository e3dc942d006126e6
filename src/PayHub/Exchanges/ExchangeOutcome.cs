namespace PayHub.Exchanges;

/// <summary>An answer as metrics and traces see it: the operation, the family's answer code, and whether (and by which check) it refused.</summary>
public readonly record struct ExchangeOutcome(string Operation, string Code, bool Refused, string RefusedBy);
