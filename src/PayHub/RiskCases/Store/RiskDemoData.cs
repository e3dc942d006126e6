using System.Text;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>
/// The demo data of SPEC.md for family D: agent FW1000161 (张亚飞测试测试, level 1, accessid
/// 4028805b6e86d179016e874f6c4200ad, secret demo-risk-secret) with merchant 833163489120001
/// 山西兴宇装饰工程服务有限公司 and its five cases (the seed's example row exactly, in DSH, and two
/// DTJ cases to reply to); agent FW2000002 (accessid …ae, secret demo-risk-secret-2) with its own
/// merchant and cases. Each agent's notify URL is its own inbox of the sandbox (<c>sandbox:inbox/FW1000161</c>, …), so
/// every change of a case is pushed and can be seen at <c>GET /admin/sandbox/inbox/{agentNo}</c>.
/// </summary>
public sealed class RiskDemoData(SecretBox box) : IDemoData
{
    public const string AccessId = "4028805b6e86d179016e874f6c4200ad";
    public const string Secret = "demo-risk-secret";
    public const string SecondAccessId = "4028805b6e86d179016e874f6c4200ae";
    public const string SecondSecret = "demo-risk-secret-2";
    public const string SeedCaseNo = "20230505153037394436862808100";

    public void Load(WriteScope scope, DateTimeOffset now)
    {
        var at = now.ToString("O");
        Agent(scope, box, at, "FW1000161", "张亚飞测试测试", AccessId, Secret);
        Agent(scope, box, at, "FW2000002", "李明测试服务商", SecondAccessId, SecondSecret);
        Merchant(scope, "833163489120001", "山西兴宇装饰工程服务有限公司", "FW1000161", "索亦荣", "15235252720", "2019-12-13 11:35:15", "110000", "110100", "110101");
        Merchant(scope, "833200000000002", "太原市晋阳餐饮管理有限公司", "FW2000002", "王晓东", "13934567890", "2020-06-01 09:20:00", "140000", "140100", "140105");

        // The seed's example row, field for field, in DSH as in the seed.
        Case(scope, at, SeedCaseNo, "833163489120001", "FW1000161", "2023-05-05 15:30:37", "DSH", "T00038", "SR00045", "investigate", "investigate", "SAASSH", "CHT0092930");
        Case(scope, at, "20230512101500123456789000100", "833163489120001", "FW1000161", "2023-05-12 10:15:00", "DTJ", "T00038", "SR00045", "investigate", "investigate", "", "CHT0092930");
        Case(scope, at, "20230520083000223344556600100", "833163489120001", "FW1000161", "2023-05-20 08:30:00", "DTJ", "T00012", "SR00017", "investigate", "investigate", "", "CHT0092930");
        Case(scope, at, "20230418142200334455667700100", "833163489120001", "FW1000161", "2023-04-18 14:22:00", "TG", "T00021", "SR00031", "freeze", "freeze", "SAASSH", "CHT0092930");
        Case(scope, at, "20230603170500445566778800100", "833163489120001", "FW1000161", "2023-06-03 17:05:00", "BH", "T00038", "SR00045", "investigate", "investigate", "SAASSH", "CHT0092930");
        Case(scope, at, "20230515093000556677889900100", "833200000000002", "FW2000002", "2023-05-15 09:30:00", "DTJ", "T00038", "SR00045", "investigate", "investigate", "", "CHT0100001");
        Case(scope, at, "20230522160000667788990000100", "833200000000002", "FW2000002", "2023-05-22 16:00:00", "DSH", "T00012", "SR00017", "investigate", "investigate", "SAASSH", "CHT0100001");
        scope.ExecuteScript(RiskCaseStore.RecountSql);
        RiskCaseStore.RenderAll(scope, null);
    }

    private static void Agent(WriteScope scope, SecretBox box, string at, string agentNo, string name, string accessId, string secret) =>
        scope.Execute(
            """
            INSERT INTO risk_agents (agent_no, name, parent_agent_no, level, first_agent_no, agent_path, accessid, secret_sealed, notify_url, enabled, rate_limit_per_second, created_at)
            VALUES (@p0, @p1, NULL, 1, @p0, @p2, @p3, @p4, @p6, 1, NULL, @p5)
            """,
            agentNo, name, "/" + agentNo + "/", accessId, box.Seal(Encoding.UTF8.GetBytes(secret)), at, Sandbox.SandboxInbox.UrlPrefix + agentNo);

    private static void Merchant(WriteScope scope, string mercNum, string name, string agentNo, string person, string phone, string created, string prov, string city, string area) =>
        scope.Execute(
            """
            INSERT INTO risk_merchants (merc_num, merc_name, agent_no, legal_person, legal_phone, merc_create_time, prov_code, city_code, area_code)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)
            """,
            mercNum, name, agentNo, person, phone, created, prov, city, area);

    private static void Case(
        WriteScope scope, string at, string caseNo, string mercNum, string agentNo, string createTime, string status,
        string typeNo, string rules, string typeDealWay, string dealWay, string flowNode, string termNo)
    {
        scope.Execute(
            """
            INSERT INTO risk_cases (case_no, merc_num, agent_no, first_agent_no, create_time, type_no, risk_type_rules, risk_type_case_deal_way, case_deal_way,
                refer_orders, card_no, term_no, longitude, latitude, remark, flow_node_key, suggest, create_way, audit_status, survey_way, survey_remark,
                survey_result, survey_time, submit_time, closed, updated_at)
            VALUES (@p0, @p1, @p2, @p2, @p3, @p4, @p5, @p6, @p7, '', '', @p8, '', '', '', @p9, '', '', @p10, '', '', '', '', '', 0, @p11)
            """,
            caseNo, mercNum, agentNo, createTime, typeNo, rules, typeDealWay, dealWay, termNo, flowNode, status, at);
        scope.Execute("INSERT INTO risk_case_scope (agent_no, create_time, case_no, row_values) VALUES (@p0, @p1, @p2, '[]')", agentNo, createTime, caseNo);
        scope.Execute(
            "INSERT INTO risk_case_events (case_no, at, actor, action, from_state, to_state, note) VALUES (@p0, @p1, 'demo', 'created', '', @p2, 'demo data')",
            caseNo, at, status);
    }
}
