using Microsoft.AspNetCore.Hosting;
using System.Collections.Concurrent;
using PayHub.Client.RiskCases;
using PayHub.Protocols.RiskCases;

namespace PayHub.Client.Tests.RiskCases;

[Collection(DemoServerCollection.Name)]
public sealed class RiskCaseClientTests(DemoServer server)
{
    private const string SeedCase = "20230505153037394436862808100";

    [Fact]
    public async Task A_page_of_the_demo_agent_s_cases_holds_the_seed_row_and_paging_walks_them_all()
    {
        var steps = new List<ExchangeStep>();
        var client = server.Risk(steps: steps);

        var seed = await client.QueryAsync(new RiskCaseQuery { CaseNo = SeedCase });
        var all = new List<RiskCase>();
        await foreach (var row in client.QueryAllAsync(new RiskCaseQuery { Rows = 2, MercNum = "833163489120001" }))
        {
            all.Add(row);
        }

        var row0 = Assert.Single(seed.Rows);
        Assert.Equal((10000, 1), (seed.ReturnCode, seed.Total));
        Assert.Equal(("DSH", "1级服务商编号:FW1000161", "山西兴宇装饰工程服务有限公司"), (row0.AuditStatus, row0.Level, row0.MercName));
        Assert.True(all.Count >= 5);
        Assert.Equal(all.Count, all.Select(r => r.CaseNo).Distinct().Count());
        Assert.Equal(all.OrderByDescending(r => r.CreateTime, StringComparer.Ordinal).ThenByDescending(r => r.CaseNo, StringComparer.Ordinal).Select(r => r.CaseNo), all.Select(r => r.CaseNo));
        var signed = steps.First(s => s.Name == "string to sign").Text;
        Assert.StartsWith($"accessid={DemoServer.RiskAccessId}&caseNo={SeedCase}&page=1&rows=20&timestamp=", signed, StringComparison.Ordinal);
        Assert.EndsWith("&key=***", signed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_come_back_as_return_codes()
    {
        var wrongSecret = await server.Risk("not-the-secret").QueryAsync(new RiskCaseQuery());
        var tooManyRows = await server.Risk().QueryAsync(new RiskCaseQuery { Rows = 101 });
        var otherTree = await server.Risk().QueryAsync(new RiskCaseQuery { AgentNo = "FW2000002" });

        Assert.Equal(RiskReturnCode.BadSign, wrongSecret.ReturnCode);
        Assert.Null(wrongSecret.Data);
        Assert.Equal(RiskReturnCode.BadParameter, tooManyRows.ReturnCode);
        Assert.Contains("rows", tooManyRows.ReturnMsg, StringComparison.Ordinal);
        Assert.Equal(RiskReturnCode.OutsideTree, otherTree.ReturnCode);
    }

    [Fact]
    public async Task A_reply_moves_a_case_to_review_once_and_the_same_reply_again_is_still_success()
    {
        var caseNo = await NewCaseAsync();
        var client = server.Risk();

        var replied = await client.ReplyAsync(caseNo, "已电话核实,商户经营正常", "phone");
        var again = await client.ReplyAsync(caseNo, "已电话核实,商户经营正常", "phone");
        var different = await client.ReplyAsync(caseNo, "另一个回复");
        var after = Assert.Single((await client.QueryAsync(new RiskCaseQuery { CaseNo = caseNo })).Rows);

        Assert.Equal((10000, 10000, RiskReturnCode.NotAwaitingReply), (replied.ReturnCode, again.ReturnCode, different.ReturnCode));
        Assert.Equal(("DSH", "已电话核实,商户经营正常", "phone"), (after.AuditStatus, after.SurveyRemark, after.SurveyWay));
        Assert.NotEqual("", after.SubmitTime);
    }

    [Fact]
    public async Task A_push_reaches_an_endpoint_mapped_with_the_receiver_helper_verified()
    {
        var received = new ConcurrentQueue<(RiskCase Case, string AccessId)>();
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapRiskCasePushes("/risk-push", id => id == DemoServer.RiskAccessId ? DemoServer.RiskSecret : null, (riskCase, accessId, _) =>
        {
            received.Enqueue((riskCase, accessId));
            return Task.CompletedTask;
        });
        await receiver.StartAsync();
        using var admin = server.Admin();
        (await admin.PutAsJsonAsync("/admin/agents/FW1000161", new { name = "张亚飞测试测试", notifyUrl = receiver.Urls.First() + "/risk-push", enabled = true })).EnsureSuccessStatusCode();
        try
        {
            var caseNo = await NewCaseAsync();

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!received.Any(r => r.Case.CaseNo == caseNo) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            var push = Assert.Single(received, r => r.Case.CaseNo == caseNo);
            Assert.Equal((DemoServer.RiskAccessId, "DTJ", "833163489120001"), (push.AccessId, push.Case.AuditStatus, push.Case.MercNum));
            var deliveries = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/admin/risk-deliveries?caseNo={caseNo}");
            Assert.Contains("delivered", deliveries.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            await admin.PutAsJsonAsync("/admin/agents/FW1000161", new { name = "张亚飞测试测试", notifyUrl = (string?)null, enabled = true });
        }
    }

    private async Task<string> NewCaseAsync()
    {
        using var admin = server.Admin();
        var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045" });
        created.EnsureSuccessStatusCode();
        return created.Headers.Location!.OriginalString.Split('/')[^1];
    }
}
