namespace PayHub.RiskCases;

public sealed record RiskClose(string? Note);
