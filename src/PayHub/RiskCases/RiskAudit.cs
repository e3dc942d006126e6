namespace PayHub.RiskCases;

/// <summary>The platform's review of a reply: TG (passed) or BH (returned for another reply).</summary>
public sealed record RiskAudit(string? Result, string? SurveyResult);
