using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using PayHub.Protocols.RiskCases;
using PayHub.Tests.Agreements;
using PayHub.Tests.GlobalAccounts;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.MultiNode;

/// <summary>
/// Concurrent duplicates of each family's sequence number, spread over two nodes on one database:
/// identical ones give one effect and one answer, altered ones let exactly one content win.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class DuplicatesAcrossNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Utility_a_payment_sent_40_times_to_both_nodes_pays_once()
    {
        var tranSeq = UtilityCaller.NewTranSeq();
        var pay = BillingSessionTests.Request("Pay", tranSeq).Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000");

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => new UtilityCaller(nodes.Spread(i).Client()).SendAsync(pay)));

        Assert.All(replies, r => Assert.Equal("AAAAAAA", r.RespCode));
        Assert.Single(replies.Select(r => r["receiptNo"]).Distinct());
        using var connection = nodes.OpenDatabase();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM utility_payments WHERE tran_seq = @tranSeq", new { tranSeq }));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM utility_requests WHERE tran_seq = @tranSeq", new { tranSeq }));
    }

    [Fact]
    public async Task Utility_altered_duplicates_on_both_nodes_let_exactly_one_content_win()
    {
        var tranSeq = UtilityCaller.NewTranSeq();

        // Content alternates every request and the node every second one: each content reaches both nodes.
        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => new UtilityCaller(nodes.Spread(i / 2).Client())
            .SendAsync(UtilityCaller.CustomerCheck(tranSeq).Set("filed1", (i % 2).ToString(CultureInfo.InvariantCulture)))));

        var winners = replies.Where(r => r.RespCode == "AAAAAAA").ToList();
        Assert.Equal(20, winners.Count);
        Assert.Equal(20, replies.Count(r => r.RespCode == "DEF0004"));
        Assert.Single(winners.Select(w => w["filed1"]).Distinct());
        using var connection = nodes.OpenDatabase();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM utility_requests WHERE tran_seq = @tranSeq", new { tranSeq }));
    }

    [Fact]
    public async Task Dsp_a_ReqSeqID_sent_to_both_nodes_makes_one_channel_call_and_altered_copies_get_EC905()
    {
        var payAct = DspCaller.NewPayAct();
        var request = DspCaller.Step("Contract", "01", payAct, "GZELINK01");
        var altered = DspCaller.Step("Contract", "01", payAct, "GZELINK01", reqSeqId: request.Detail.Get("ReqSeqID"));
        altered.Detail.Set("PayAmount", "668.00");
        using var connection = nodes.OpenDatabase();
        var smsBefore = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dsp_sms_outbox");

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => new DspCaller(nodes.Spread(i / 2).Client()).SendAsync(i % 4 == 3 ? altered : request)));

        var first = answers.Where((_, i) => i % 4 != 3).ToList();
        var alteredAnswers = answers.Where((_, i) => i % 4 == 3).ToList();
        Assert.Equal(1, connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM dsp_agreement_events e JOIN dsp_agreements a ON a.agreement_id = e.agreement_id WHERE a.pay_act = @payAct", new { payAct }));
        Assert.Equal(smsBefore + 1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dsp_sms_outbox"));
        // Whichever content came first won; every copy of the other one is EC905.
        var winner = first.Count(a => a.UnifiedCode == "EC100") == first.Count ? "original" : "altered";
        if (winner == "original")
        {
            Assert.All(alteredAnswers, a => Assert.Equal("EC905", a.UnifiedCode));
        }
        else
        {
            Assert.All(first, a => Assert.Equal("EC905", a.UnifiedCode));
            Assert.All(alteredAnswers, a => Assert.Equal("EC100", a.UnifiedCode));
        }
    }

    [Fact]
    public async Task Global_an_auth_code_applied_on_both_nodes_at_once_gives_one_token()
    {
        using var admin = nodes.A.Admin();
        var issued = await admin.PostAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188120000000001/auth-codes", null);
        Assert.True(issued.IsSuccessStatusCode);
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var caller = new GlobalCaller(nodes.Spread(i).Client());
            return await caller.PostAsync(GlobalCaller.ApplyToken, $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{code}}"}""");
        }));

        Assert.Single(answers, a => a.ResultCode == "SUCCESS");
        Assert.Equal(19, answers.Count(a => a.ResultCode == "OAUTH_FAIL"));
    }

    [Fact]
    public async Task Risk_replies_sent_to_both_nodes_at_once_move_the_case_once_and_an_altered_reply_is_refused()
    {
        using var admin = nodes.B.Admin();
        var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045", caseDealWay = "investigate" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var caseNo = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
        string[] remarks = ["已电话回访,商户经营正常", "已上门核实,商户经营正常"];

        // Remarks alternate every request and the node every second one: each reply reaches both nodes.
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            (Remark: remarks[i % 2], Answer: await new RiskCaller(nodes.Spread(i / 2).Client()).ReplyAsync(caseNo, remarks[i % 2], "phone"))));

        using var connection = nodes.OpenDatabase();
        var kept = connection.ExecuteScalar<string>("SELECT survey_remark FROM risk_cases WHERE case_no = @caseNo", new { caseNo });
        Assert.Contains(kept, remarks);
        Assert.All(answers, a => Assert.Equal(a.Remark == kept ? 10000 : RiskReturnCode.NotAwaitingReply, a.Answer.ReturnCode));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM risk_case_events WHERE case_no = @caseNo AND action = 'replied'", new { caseNo }));
        Assert.Equal("DSH", connection.ExecuteScalar<string>("SELECT audit_status FROM risk_cases WHERE case_no = @caseNo", new { caseNo }));
    }

    [Fact]
    public async Task A_code_map_change_made_on_one_node_reaches_the_other_within_the_cache_lifetime()
    {
        var before = await new DspCaller(nodes.B.Client()).SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "CMBC02"));
        Assert.Equal("EC100", before.UnifiedCode);
        var originalCode = before["OriginalCode"]!;
        using var admin = nodes.A.Admin();
        var changed = await admin.PutAsJsonAsync("/admin/channels/CMBC02/codes", new
        {
            transType = "Contract", step = "01", originalCode, unifiedCode = "EC100", message = "两节点之间的新说法",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var started = DateTime.UtcNow;
        string? seen = null;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(10) && seen != "两节点之间的新说法")
        {
            seen = (await new DspCaller(nodes.B.Client()).SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "CMBC02")))["RespInfo"];
            await Task.Delay(250);
        }

        Assert.Equal("两节点之间的新说法", seen);
        // The 5 s cache, plus the polling and a loaded machine's slack; a node that never reloaded would fail.
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0, 8);
    }
}
