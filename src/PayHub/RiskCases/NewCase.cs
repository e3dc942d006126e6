using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>A new case as the platform raises it.</summary>
public sealed record NewCase(
    string CaseNo, string MercNum, string CreateTime, string AuditStatus, string TypeNo, string RiskTypeRules, string RiskTypeCaseDealWay,
    string CaseDealWay, string ReferOrders, string CardNo, string TermNo, string Longitude, string Latitude, string Remark, string FlowNodeKey,
    string Suggest, string CreateWay);
