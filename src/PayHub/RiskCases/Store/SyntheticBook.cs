using System.Globalization;
using System.Text;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>
/// Writes a synthetic risk-case book, for an operator sizing a machine before a large book arrives and for the benchmarks: a three-level agent tree (<c>top</c> level-1
/// agents, each with <c>fanout</c> level-2 agents, each with <c>fanout</c> level-3 agents), merchants
/// spread over the level-3 agents, and cases spread over the merchants and over <c>months</c> months
/// ending December 2025. Every agent can query: accessid <c>syn</c> + its number in lower case,
/// secret <c>synthetic-</c> + its number (public on purpose: this is test data). Deterministic for
/// the same arguments. Shows a progress bar on the error stream.
/// </summary>
public static class SyntheticBook
{
    /// <summary>How many agents the database holds: a book is written into a database with none.</summary>
    public static long AgentCount(PreparedStatements db) => Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM risk_agents"), CultureInfo.InvariantCulture);

    public static string AccessIdOf(string agentNo) => "syn" + agentNo.ToLowerInvariant();

    public static string SecretOf(string agentNo) => "synthetic-" + agentNo;

    public static void Write(Database database, SecretBox box, int top, int fanout, int merchants, int cases, int months, TextWriter progress)
    {
        var random = new Random(20251231);
        using var scope = new WriteScope(database.Open(), database);
        var sqlite = database.Engine == DatabaseEngine.Sqlite;
        if (sqlite)
        {
            scope.ExecuteScript("PRAGMA synchronous = OFF");
        }

        var at = DateTimeOffset.UtcNow.ToString("O");
        var leaves = new List<string>();
        InTransaction(database, scope, () =>
        {
            void Agent(string agentNo, string? parent, int level, string first, string path) =>
                scope.Execute(
                    """
                    INSERT INTO risk_agents (agent_no, name, parent_agent_no, level, first_agent_no, agent_path, accessid, secret_sealed, notify_url, enabled, rate_limit_per_second, created_at)
                    VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, NULL, 1, NULL, @p8)
                    """,
                    agentNo, $"{level}级测试服务商{agentNo}", parent, level, first, path, AccessIdOf(agentNo), box.Seal(Encoding.UTF8.GetBytes(SecretOf(agentNo))), at);

            for (var a = 1; a <= top; a++)
            {
                var l1 = $"SA{a:D2}";
                Agent(l1, null, 1, l1, $"/{l1}/");
                for (var b = 1; b <= fanout; b++)
                {
                    var l2 = $"{l1}B{b:D2}";
                    Agent(l2, l1, 2, l1, $"/{l1}/{l2}/");
                    for (var c = 1; c <= fanout; c++)
                    {
                        var l3 = $"{l2}C{c:D2}";
                        Agent(l3, l2, 3, l1, $"/{l1}/{l2}/{l3}/");
                        leaves.Add(l3);
                    }
                }
            }
        });

        var merchantAgents = new string[merchants];
        InTransaction(database, scope, () =>
        {
            for (var m = 0; m < merchants; m++)
            {
                merchantAgents[m] = leaves[m % leaves.Count];
                scope.Execute(
                    """
                    INSERT INTO risk_merchants (merc_num, merc_name, agent_no, legal_person, legal_phone, merc_create_time, prov_code, city_code, area_code)
                    VALUES (@p0, @p1, @p2, '测试法人', '13800000000', '2019-01-01 00:00:00', '110000', '110100', '110101')
                    """,
                    MercNum(m), $"测试商户{m}", merchantAgents[m]);
                if (m % 1000 == 0)
                {
                    Bar(progress, "merchants", m, merchants);
                }
            }
        });
        Bar(progress, "merchants", merchants, merchants);
        progress.WriteLine();

        var first = new DateTime(2025, 12, 1).AddMonths(1 - months);
        var span = (long)(new DateTime(2026, 1, 1) - first).TotalSeconds;
        const int batch = 20_000;
        for (var start = 0; start < cases; start += batch)
        {
            InTransaction(database, scope, () =>
            {
                for (var i = start; i < Math.Min(cases, start + batch); i++)
                {
                    var merchant = random.Next(merchants);
                    var agent = merchantAgents[merchant];
                    var created = first.AddSeconds(random.NextInt64(span));
                    var time = created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                    var caseNo = created.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + i.ToString("D12", CultureInfo.InvariantCulture) + "100";
                    var typeNo = "T000" + random.Next(10, 60).ToString(CultureInfo.InvariantCulture);
                    var status = random.Next(4) switch { 0 => "DTJ", 1 => "DSH", 2 => "TG", _ => "BH" };
                    scope.Execute(
                        """
                        INSERT INTO risk_cases (case_no, merc_num, agent_no, first_agent_no, create_time, type_no, risk_type_rules, risk_type_case_deal_way, case_deal_way,
                            refer_orders, card_no, term_no, longitude, latitude, remark, flow_node_key, suggest, create_way, audit_status, survey_way, survey_remark,
                            survey_result, survey_time, submit_time, closed, updated_at)
                        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, 'SR00045', 'investigate', 'investigate', '', '', 'CHT0000001', '', '', '', '', '', '', @p6, '', '', '', '', '', 0, @p7)
                        """,
                        caseNo, MercNum(merchant), agent, agent[..4], time, typeNo, status, at);
                    var values = RiskCaseRow.Of(new Dictionary<string, string>
                    {
                        ["legalPhone"] = "13800000000", ["mercCreateTime"] = "2019-01-01 00:00:00", ["riskTypeRules"] = "SR00045", ["mercName"] = $"测试商户{merchant}",
                        ["mercNum"] = MercNum(merchant), ["riskTypeCaseDealWay"] = "investigate", ["areaCode"] = "110101", ["cityCode"] = "110100", ["agentNo"] = agent,
                        ["typeNo"] = typeNo, ["legalPerson"] = "测试法人", ["provCode"] = "110000", ["caseNo"] = caseNo, ["createTime"] = time,
                        ["caseDealWay"] = "investigate", ["auditStatus"] = status, ["termNo"] = "CHT0000001", ["firstAgentNo"] = agent[..4],
                        ["firstAgentName"] = $"1级测试服务商{agent[..4]}", ["agentName"] = $"3级测试服务商{agent}", ["level"] = "3级服务商编号:" + agent,
                    }).ValuesJson();
                    foreach (var scopeAgent in (string[])[agent[..4], agent[..7], agent])
                    {
                        scope.Execute("INSERT INTO risk_case_scope (agent_no, create_time, case_no, row_values) VALUES (@p0, @p1, @p2, @p3)", scopeAgent, time, caseNo, values);
                    }
                }
            });
            Bar(progress, "cases", Math.Min(cases, start + batch), cases);
        }

        progress.WriteLine();
        scope.ExecuteScript(RiskCaseStore.RecountSql);
        scope.ExecuteScript(sqlite ? "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;" : "ANALYZE;");
    }

    private static void InTransaction(Database database, WriteScope scope, Action work)
    {
        using var transaction = Database.BeginWrite(scope.Connection);
        scope.Enter(transaction);
        work();
        scope.SendAppended();
        transaction.Commit();
        scope.Enter(null);
    }

    private static string MercNum(int index) => "9" + index.ToString("D14", CultureInfo.InvariantCulture);

    private static void Bar(TextWriter progress, string what, int done, int total)
    {
        var width = 40;
        var filled = total == 0 ? width : (int)((long)done * width / total);
        progress.Write($"\r{what,-10} [{new string('#', filled)}{new string('-', width - filled)}] {done,9:N0} / {total:N0}");
    }
}
