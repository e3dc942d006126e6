using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>A query's filters, already validated: times are yyyy-MM-dd HH:mm:ss.</summary>
public sealed record CaseFilter(string? CaseNo, string? MercNum, string? AgentNo, string Start, string End, int Page, int Rows);
