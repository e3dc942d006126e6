using System.Text.Json.Serialization;

namespace PayHub.Client.RiskCases;

/// <summary>
/// One risk case, as a query row or a push: the seed's table (plus <c>firstAgentName</c>). Every value is text,
/// empty when the platform has none (a <c>{}</c> or <c>null</c>, as the seed's example shows for times, reads as empty).
/// </summary>
public sealed record RiskCase
{
    /// <summary>案例编号: the case's number.</summary>
    [JsonPropertyName("caseNo")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string CaseNo { get => field ?? ""; init; }

    /// <summary>创建时间: when the case was created, yyyy-MM-dd HH:mm:ss.</summary>
    [JsonPropertyName("createTime")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string CreateTime { get => field ?? ""; init; }

    /// <summary>审核状态: DTJ awaiting the agent's reply, DSH awaiting review, TG passed, BH returned, or closed.</summary>
    [JsonPropertyName("auditStatus")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string AuditStatus { get => field ?? ""; init; }

    /// <summary>商户编号: the merchant.</summary>
    [JsonPropertyName("mercNum")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string MercNum { get => field ?? ""; init; }

    /// <summary>商户名称: the merchant's name.</summary>
    [JsonPropertyName("mercName")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string MercName { get => field ?? ""; init; }

    /// <summary>入网时间: when the merchant joined.</summary>
    [JsonPropertyName("mercCreateTime")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string MercCreateTime { get => field ?? ""; init; }

    /// <summary>法人姓名: the merchant's legal person.</summary>
    [JsonPropertyName("legalPerson")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string LegalPerson { get => field ?? ""; init; }

    /// <summary>法人手机号: the legal person's phone.</summary>
    [JsonPropertyName("legalPhone")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string LegalPhone { get => field ?? ""; init; }

    /// <summary>服务商编号: the merchant's direct agent.</summary>
    [JsonPropertyName("agentNo")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string AgentNo { get => field ?? ""; init; }

    /// <summary>服务商名称: its name.</summary>
    [JsonPropertyName("agentName")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string AgentName { get => field ?? ""; init; }

    /// <summary>一级服务商编号: the top of the merchant's chain.</summary>
    [JsonPropertyName("firstAgentNo")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string FirstAgentNo { get => field ?? ""; init; }

    /// <summary>一级服务商名称: its name.</summary>
    [JsonPropertyName("firstAgentName")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string FirstAgentName { get => field ?? ""; init; }

    /// <summary>服务商层级: &lt;depth&gt;级服务商编号:&lt;direct agent&gt;.</summary>
    [JsonPropertyName("level")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string Level { get => field ?? ""; init; }

    /// <summary>风险规则编号: the rule that raised the case.</summary>
    [JsonPropertyName("riskTypeRules")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string RiskTypeRules { get => field ?? ""; init; }

    /// <summary>the rule's way of dealing.</summary>
    [JsonPropertyName("riskTypeCaseDealWay")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string RiskTypeCaseDealWay { get => field ?? ""; init; }

    /// <summary>案例处理方式: how the case is dealt with.</summary>
    [JsonPropertyName("caseDealWay")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string CaseDealWay { get => field ?? ""; init; }

    /// <summary>类别编号: the case's category.</summary>
    [JsonPropertyName("typeNo")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string TypeNo { get => field ?? ""; init; }

    /// <summary>the workflow node (SAASSH: SAAS审核).</summary>
    [JsonPropertyName("flowNodeKey")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string FlowNodeKey { get => field ?? ""; init; }

    /// <summary>案例生成方式: how the case was created.</summary>
    [JsonPropertyName("createWay")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string CreateWay { get => field ?? ""; init; }

    /// <summary>卡号: the card involved.</summary>
    [JsonPropertyName("cardNo")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string CardNo { get => field ?? ""; init; }

    /// <summary>终端号: the terminal.</summary>
    [JsonPropertyName("termNo")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string TermNo { get => field ?? ""; init; }

    /// <summary>涉及交易流水号: the transactions involved.</summary>
    [JsonPropertyName("referOrders")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string ReferOrders { get => field ?? ""; init; }

    /// <summary>商户所属省: province code.</summary>
    [JsonPropertyName("provCode")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string ProvCode { get => field ?? ""; init; }

    /// <summary>市代码: city code.</summary>
    [JsonPropertyName("cityCode")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string CityCode { get => field ?? ""; init; }

    /// <summary>商户所属地区: area code.</summary>
    [JsonPropertyName("areaCode")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string AreaCode { get => field ?? ""; init; }

    /// <summary>经度.</summary>
    [JsonPropertyName("longitude")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string Longitude { get => field ?? ""; init; }

    /// <summary>纬度.</summary>
    [JsonPropertyName("latitude")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string Latitude { get => field ?? ""; init; }

    /// <summary>调查方式: how the agent investigated.</summary>
    [JsonPropertyName("surveyWay")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string SurveyWay { get => field ?? ""; init; }

    /// <summary>风险调查回复: the agent's reply.</summary>
    [JsonPropertyName("surveyRemark")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string SurveyRemark { get => field ?? ""; init; }

    /// <summary>调查结果说明: the investigation's result.</summary>
    [JsonPropertyName("surveyResult")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string SurveyResult { get => field ?? ""; init; }

    /// <summary>风险调查时间: when it was investigated.</summary>
    [JsonPropertyName("surveyTime")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string SurveyTime { get => field ?? ""; init; }

    /// <summary>提交资料时间: when the agent replied.</summary>
    [JsonPropertyName("submitTime")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string SubmitTime { get => field ?? ""; init; }

    /// <summary>商户处理建议: the platform's advice.</summary>
    [JsonPropertyName("suggest")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string Suggest { get => field ?? ""; init; }

    /// <summary>备注.</summary>
    [JsonPropertyName("remark")]
    [JsonConverter(typeof(TextOrEmpty))]
    public string Remark { get => field ?? ""; init; }
}
