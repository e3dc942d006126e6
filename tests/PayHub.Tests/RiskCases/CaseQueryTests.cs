using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;

namespace PayHub.Tests.RiskCases;

/// <summary>The seed's query: the demo agent's first page, filters, ordering, paging, scope, and every return code.</summary>
public sealed partial class CaseQueryTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly RiskCaller _agent = new(factory.CreateClient());
    private readonly RiskCaller _secondAgent = new(factory.CreateClient(), RiskCaller.SecondAccessId, RiskCaller.SecondSecret);

    [Fact]
    public async Task The_demo_agents_first_page_has_total_5_and_the_seeds_example_row_field_for_field()
    {
        var answer = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20 });

        Assert.Equal((10000, ""), (answer.ReturnCode, answer.ReturnMessage));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, answer.Json.GetProperty("data").GetProperty("total").ValueKind);
        Assert.Equal(5, answer.Total);
        var row = answer.Rows.Single(r => r.GetProperty("caseNo").GetString() == RiskCaller.SeedCaseNo);
        var expected = SeedRow();
        Assert.Equal(expected.Keys.Order(), row.EnumerateObject().Select(p => p.Name).Order());
        foreach (var (field, value) in expected)
        {
            Assert.True(value == row.GetProperty(field).GetString(), $"{field}: seed {value}, answer {row.GetProperty(field)}");
        }

        // The answer's field order is the seed example's.
        Assert.Equal(expected.Keys, row.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Cases_come_newest_first_and_page_by_page()
    {
        var all = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 100 });
        var first = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 2 });
        var third = await _agent.QueryAsync(new JsonObject { ["page"] = "3", ["rows"] = "2" });
        var beyond = await _agent.QueryAsync(new JsonObject { ["page"] = 4, ["rows"] = 2 });

        var times = all.Rows.Select(r => r.GetProperty("createTime").GetString()).ToList();
        Assert.Equal(times.OrderDescending(StringComparer.Ordinal), times);
        Assert.Equal(all.CaseNos.Take(2), first.CaseNos);
        Assert.Equal(all.CaseNos.Skip(4), third.CaseNos);
        Assert.Equal((5L, 0), (beyond.Total, beyond.Rows.Count));
    }

    [Fact]
    public async Task Filters_by_time_range_inclusive_with_the_max_amount_alias_caseNo_mercNum_and_agentNo()
    {
        var may = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["createTimeStart"] = "2023-05-05 15:30:37", ["createTimeEnd"] = "2023-05-20 08:30:00" });
        var alias = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["max_amount"] = "2023-05-05 15:30:37", ["createTimeEnd"] = "2023-05-20 08:30:00" });
        var byCase = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["caseNo"] = RiskCaller.SeedCaseNo, ["mercNum"] = "833163489120001", ["agentNo"] = "FW1000161" });
        var emptyFilters = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["caseNo"] = "", ["agentNo"] = "" });

        Assert.Equal(["20230520083000223344556600100", "20230512101500123456789000100", RiskCaller.SeedCaseNo], may.CaseNos);
        Assert.Equal(may.CaseNos, alias.CaseNos);
        Assert.Equal([RiskCaller.SeedCaseNo], byCase.CaseNos);
        Assert.Equal(1L, byCase.Total);
        Assert.Equal(5, emptyFilters.Total);

        // A filter that matches nothing, and a filtered page past the end: the total all the same, no rows.
        var nobody = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["mercNum"] = "833163489129999" });
        var pastTheEnd = await _agent.QueryAsync(new JsonObject { ["page"] = 2, ["rows"] = 20, ["agentNo"] = "FW1000161" });
        Assert.Equal((0L, 0), (nobody.Total, nobody.Rows.Count));
        Assert.Equal((5L, 0), (pastTheEnd.Total, pastTheEnd.Rows.Count));
    }

    [Fact]
    public async Task Neither_agent_sees_the_others_cases_by_any_filter()
    {
        var own = await _secondAgent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20 });
        var byCase = await _secondAgent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["caseNo"] = RiskCaller.SeedCaseNo });
        var byMerchant = await _secondAgent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["mercNum"] = "833163489120001" });
        var byTime = await _secondAgent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["createTimeStart"] = "2023-05-05 15:30:37", ["createTimeEnd"] = "2023-05-05 15:30:37" });
        var byAgent = await _secondAgent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["agentNo"] = "FW1000161" });
        var backwards = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["agentNo"] = "FW2000002" });
        var unknownAgent = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["agentNo"] = "NOSUCH" });

        Assert.Equal(2, own.Total);
        Assert.All(own.Rows, r => Assert.Equal("FW2000002", r.GetProperty("agentNo").GetString()));
        Assert.Equal((0L, 0L, 0L), (byCase.Total, byMerchant.Total, byTime.Total));
        Assert.Equal((10004, 10004, 10004), (byAgent.ReturnCode, backwards.ReturnCode, unknownAgent.ReturnCode));
        Assert.False(byAgent.Json.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("""{"rows":20}""", "page: required")]
    [InlineData("""{"page":0,"rows":20}""", "page: must be an integer")]
    [InlineData("""{"page":1,"rows":101}""", "rows: must be an integer from 1 to 100")]
    [InlineData("""{"page":1,"rows":"ten"}""", "rows: must be an integer")]
    [InlineData("""{"page":1,"rows":20,"createTimeStart":"2023/05/01"}""", "createTimeStart: not yyyy-MM-dd HH:mm:ss")]
    [InlineData("""{"page":1,"rows":20,"createTimeStart":"2023-06-01 00:00:00","createTimeEnd":"2023-05-01 00:00:00"}""", "createTimeEnd: before createTimeStart")]
    [InlineData("""{"page":1,"rows":20,"caseNo":12}""", "caseNo: must be a string")]
    public async Task Missing_or_malformed_parameters_are_10001_naming_the_field(string json, string problem)
    {
        var answer = await _agent.QueryAsync((JsonObject)JsonNode.Parse(json)!);

        Assert.Equal(10001, answer.ReturnCode);
        Assert.Contains(problem, answer.ReturnMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_accessid_timestamp_and_JSON_are_checked_in_SPEC_order()
    {
        var notJson = await _agent.PostRawAsync("/risk/case/query", "{page:1");
        var unknown = await new RiskCaller(factory.CreateClient(), "0000", RiskCaller.Secret).QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20 });
        var unsigned = await _agent.PostRawAsync("/risk/case/query", $$"""{"accessid":"{{RiskCaller.AccessId}}","page":1,"rows":20}""");
        var wrongSign = await _agent.PostAsync("/risk/case/query", new JsonObject { ["page"] = 1, ["rows"] = 20 }, sign: "975077BFC098C592C721A3948A97460F");
        var otherSecret = await new RiskCaller(factory.CreateClient(), RiskCaller.AccessId, RiskCaller.SecondSecret).QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20 });
        var stale = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["timestamp"] = factory.Clock.GetUtcNow().AddMinutes(-6).ToUnixTimeMilliseconds() });
        var fresh = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20, ["timestamp"] = factory.Clock.GetUtcNow().AddMinutes(-4).ToUnixTimeMilliseconds() });
        var badParametersButUnsigned = await _agent.PostRawAsync("/risk/case/query", $$"""{"accessid":"{{RiskCaller.AccessId}}","page":0}""");

        Assert.Equal(10001, notJson.ReturnCode);
        Assert.Equal(10003, unknown.ReturnCode);
        Assert.Equal((10002, 10002, 10002, 10002), (unsigned.ReturnCode, wrongSign.ReturnCode, otherSecret.ReturnCode, stale.ReturnCode));
        Assert.Equal(10000, fresh.ReturnCode);
        Assert.Equal(10002, badParametersButUnsigned.ReturnCode);
    }

    [Fact]
    public async Task An_agent_over_its_rate_gets_10005()
    {
        using var admin = factory.Admin();
        var limited = await admin.PutAsJsonAsync("/admin/agents/FW2000002", new { name = "李明测试服务商", rateLimitPerSecond = 1 });
        Assert.True(limited.IsSuccessStatusCode);

        var codes = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add((await _secondAgent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 1 })).ReturnCode);
        }

        await admin.PutAsJsonAsync("/admin/agents/FW2000002", new { name = "李明测试服务商", rateLimitPerSecond = (int?)null });
        Assert.Contains(10005, codes);
    }

    [Fact]
    public async Task An_agents_new_name_shows_in_its_cases_at_once()
    {
        using var admin = factory.Admin();
        var renamed = await admin.PutAsJsonAsync("/admin/agents/FW2000002", new { name = "李明服务商(更名)" });
        var answer = await _secondAgent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 20 });
        await admin.PutAsJsonAsync("/admin/agents/FW2000002", new { name = "李明测试服务商" });

        Assert.True(renamed.IsSuccessStatusCode);
        Assert.All(answer.Rows, r => Assert.Equal(("李明服务商(更名)", "李明服务商(更名)"), (r.GetProperty("agentName").GetString(), r.GetProperty("firstAgentName").GetString())));
    }

    [Fact]
    public async Task An_internal_failure_is_19999_in_the_familys_envelope()
    {
        using (var connection = factory.OpenDatabase())
        {
            // A table the query needs taken away: a broken database the query cannot answer from.
            connection.Execute("ALTER TABLE risk_case_counts RENAME TO risk_case_counts_away");
        }

        var answer = await _agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 1 });

        using (var connection = factory.OpenDatabase())
        {
            connection.Execute("ALTER TABLE risk_case_counts_away RENAME TO risk_case_counts");
        }

        Assert.Equal(19999, answer.ReturnCode);
        Assert.DoesNotContain("Exception", answer.Text, StringComparison.Ordinal);
    }

    /// <summary>The seed's example row, read from the seed's own text (its values, before the comments); {} as "".</summary>
    private static Dictionary<string, string> SeedRow()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "seeds", "risk-response-example.txt"));
        var row = text[text.IndexOf("\"legalPhone\"", StringComparison.Ordinal)..text.IndexOf(']', StringComparison.Ordinal)];
        return SeedField().Matches(row).ToDictionary(m => m.Groups[1].Value, m => m.Groups[3].Success ? m.Groups[3].Value : "");
    }

    [GeneratedRegex("\"(\\w+)\": (\"([^\"]*)\"|\\{\\})")]
    private static partial Regex SeedField();

    [Fact]
    public async Task Bytes_that_are_not_UTF8_an_unpaired_surrogate_or_U0000_are_not_JSON_text_10001()
    {
        byte[] notUtf8 = [.. "{\"accessid\":\"4028805b6e86d179016e874f6c4200ad\",\"page\":1,\"rows\":20,\"caseNo\":\""u8, 0xFF, 0xFE, .. "\",\"sign\":\"X\"}"u8];
        const string surrogate = """{"accessid":"4028805b6e86d179016e874f6c4200ad","page":1,"rows":20,"mercNum":"\uDBFF","sign":"X"}""";
        const string nul = """{"accessid":"4028805b6e86d179016e874f\u00006c4200ad","page":1,"rows":20,"sign":"X"}"""; // found by the mutation campaign on PostgreSQL

        var bytes = await _agent.PostRawAsync("/risk/case/query", notUtf8);
        var escape = await _agent.PostRawAsync("/risk/case/query", surrogate);
        var zero = await _agent.PostRawAsync("/risk/case/query", nul);

        Assert.Equal((10001, 10001, 10001), (bytes.ReturnCode, escape.ReturnCode, zero.ReturnCode));
        Assert.Contains("not JSON", bytes.ReturnMessage, StringComparison.Ordinal);
    }
}
