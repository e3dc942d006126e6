using System.Data.Common;
using System.Text.Json;

namespace PayHub.RiskCases;

/// <summary>
/// A case as the interface shows it: the seed's row fields in the order of its example, plus
/// <c>firstAgentName</c>. Built from the case, its merchant and its agents in one query.
/// </summary>
public sealed class RiskCaseRow
{
    /// <summary>The row's fields in the seed example's order, each with the SQL expression that gives it.</summary>
    private static readonly (string Field, string Sql)[] Fields =
    [
        ("legalPhone", "m.legal_phone"), ("mercCreateTime", "m.merc_create_time"), ("cardNo", "c.card_no"), ("surveyRemark", "c.survey_remark"),
        ("riskTypeRules", "c.risk_type_rules"), ("longitude", "c.longitude"), ("mercName", "m.merc_name"), ("mercNum", "c.merc_num"),
        ("riskTypeCaseDealWay", "c.risk_type_case_deal_way"), ("areaCode", "m.area_code"), ("referOrders", "c.refer_orders"), ("cityCode", "m.city_code"),
        ("latitude", "c.latitude"), ("remark", "c.remark"), ("agentNo", "c.agent_no"), ("typeNo", "c.type_no"), ("legalPerson", "m.legal_person"),
        ("flowNodeKey", "c.flow_node_key"), ("surveyWay", "c.survey_way"), ("provCode", "m.prov_code"), ("suggest", "c.suggest"), ("caseNo", "c.case_no"),
        ("createTime", "c.create_time"), ("caseDealWay", "c.case_deal_way"), ("auditStatus", "c.audit_status"), ("createWay", "c.create_way"),
        ("surveyResult", "c.survey_result"), ("termNo", "c.term_no"), ("firstAgentNo", "c.first_agent_no"), ("firstAgentName", "f.name"),
        ("agentName", "a.name"), ("surveyTime", "c.survey_time"), ("submitTime", "c.submit_time"), ("level", "a.level || '级服务商编号:' || c.agent_no"),
    ];

    /// <summary>SELECT … FROM the case, its merchant, its direct agent and its first agent; add a WHERE.</summary>
    public static readonly string Select =
        "SELECT " + string.Join(", ", Fields.Select(f => "COALESCE(" + f.Sql + ", '')")) +
        " FROM risk_cases c JOIN risk_merchants m ON m.merc_num = c.merc_num JOIN risk_agents a ON a.agent_no = c.agent_no" +
        " LEFT JOIN risk_agents f ON f.agent_no = c.first_agent_no ";

    private readonly string[] _values;

    private RiskCaseRow(string[] values) => _values = values;

    public string CaseNo => Get("caseNo");

    public string AuditStatus => Get("auditStatus");

    public string Get(string field) => _values[Array.FindIndex(Fields, f => f.Field == field)];

    public static RiskCaseRow Read(DbDataReader reader)
    {
        var values = new string[Fields.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetString(i);
        }

        return new RiskCaseRow(values);
    }

    /// <summary>The row's fields as JSON properties, in order (empty values as "").</summary>
    public void WriteFields(Utf8JsonWriter json)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            json.WriteString(Fields[i].Field, _values[i]);
        }
    }

    public IEnumerable<KeyValuePair<string, string>> All() => Fields.Select((f, i) => new KeyValuePair<string, string>(f.Field, _values[i]));
}
