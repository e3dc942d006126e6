namespace PayHub.RiskCases;

/// <summary>A new case (caseNo and createTime default to new ones; auditStatus to DTJ).</summary>
public sealed record RiskCaseCreate(
    string? CaseNo, string? MercNum, string? CreateTime, string? AuditStatus, string? TypeNo, string? RiskTypeRules, string? RiskTypeCaseDealWay, string? CaseDealWay,
    string? ReferOrders, string? CardNo, string? TermNo, string? Longitude, string? Latitude, string? Remark, string? FlowNodeKey, string? Suggest, string? CreateWay);
