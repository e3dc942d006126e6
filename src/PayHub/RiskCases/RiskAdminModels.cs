using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayHub.RiskCases;

public sealed record RiskAgentView
{
    public string AgentNo { get; init; } = "";

    public string Name { get; init; } = "";

    public string? ParentAgentNo { get; init; }

    public long Level { get; init; }

    public string FirstAgentNo { get; init; } = "";

    public string? Accessid { get; init; }

    public string? NotifyUrl { get; init; }

    public bool Enabled { get; init; }

    public long? RateLimitPerSecond { get; init; }
}

/// <summary>An agent (service provider): its place in the tree (parent), where its cases are pushed, its rate limit.</summary>
public sealed record RiskAgentChange(string? AgentNo, string? Name, string? ParentAgentNo, string? NotifyUrl, bool? Enabled, int? RateLimitPerSecond);

/// <summary>An agent's accessid and sign secret: the secret is shown this once (stored sealed).</summary>
public sealed record RiskCredentials(string AgentNo, string Accessid, string Secret);

public sealed record RiskMerchantChange(
    string? MercNum, string? MercName, string? AgentNo, string? LegalPerson, string? LegalPhone, string? MercCreateTime, string? ProvCode, string? CityCode, string? AreaCode);

/// <summary>A new case (caseNo and createTime default to new ones; auditStatus to DTJ).</summary>
public sealed record RiskCaseCreate(
    string? CaseNo, string? MercNum, string? CreateTime, string? AuditStatus, string? TypeNo, string? RiskTypeRules, string? RiskTypeCaseDealWay, string? CaseDealWay,
    string? ReferOrders, string? CardNo, string? TermNo, string? Longitude, string? Latitude, string? Remark, string? FlowNodeKey, string? Suggest, string? CreateWay);

/// <summary>The platform's review of a reply: TG (passed) or BH (returned for another reply).</summary>
public sealed record RiskAudit(string? Result, string? SurveyResult);

public sealed record RiskClose(string? Note);

public sealed record RiskCaseEventView
{
    public string At { get; init; } = "";

    public string Actor { get; init; } = "";

    public string Action { get; init; } = "";

    public string FromState { get; init; } = "";

    public string ToState { get; init; } = "";

    public string Note { get; init; } = "";
}

public sealed record RiskDeliveryView
{
    public long DeliveryId { get; init; }

    public string CaseNo { get; init; } = "";

    public string AgentNo { get; init; } = "";

    public string Reason { get; init; } = "";

    public string State { get; init; } = "";

    public long Attempts { get; init; }

    public long? NextAttemptMs { get; init; }

    public string LastError { get; init; } = "";

    public string? DeliveredAt { get; init; }
}

public sealed record RiskCaseView(Dictionary<string, string> Row, bool Closed, List<RiskCaseEventView> History, List<RiskDeliveryView> Deliveries);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RiskAgentView))]
[JsonSerializable(typeof(List<RiskAgentView>))]
[JsonSerializable(typeof(RiskAgentChange))]
[JsonSerializable(typeof(RiskCredentials))]
[JsonSerializable(typeof(RiskMerchantChange))]
[JsonSerializable(typeof(List<RiskMerchantChange>))]
[JsonSerializable(typeof(RiskCaseCreate))]
[JsonSerializable(typeof(RiskAudit))]
[JsonSerializable(typeof(RiskClose))]
[JsonSerializable(typeof(RiskCaseView))]
[JsonSerializable(typeof(List<RiskDeliveryView>))]
public sealed partial class RiskAdminJson : JsonSerializerContext;
