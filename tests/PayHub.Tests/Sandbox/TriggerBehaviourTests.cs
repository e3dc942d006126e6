using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.Utility;
using PayHub.Tests.Agreements;
using PayHub.Tests.GlobalAccounts;
using PayHub.Tests.MultiNode;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Sandbox;

/// <summary>
/// The triggers that act on the connection, seen by real clients on a real socket: an answer after N seconds, no
/// answer at all (and nothing done), and the effect made without an answer — after which a retry finds the effect
/// made exactly once, in every family with an effect.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class TriggerBehaviourTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("triggers");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    private static string Unique(string value) => value + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task Delay_drop_and_effect_then_drop_reach_real_clients_and_a_retry_finds_one_effect()
    {
        using var node = await PayHubNode.StartAsync(TestDatabases.For(_folder));
        using var admin = node.Admin();
        var bank = new UtilityCaller(node.Client());

        // Answer after N seconds: the real answer, later.
        var watch = Stopwatch.StartNew();
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(UtilityCaller.CustomerCheck(Unique("SANDBOXDELAY02")))).RespCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"answered after {watch.Elapsed}");

        // Drop before answering: nothing done.
        var dropped = SandboxTriggerTests.UtilityRequest("Pay", Unique("SANDBOXDROP"));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => bank.SendAsync(dropped));

        // Pay, then PayInvalid: each made, unanswered, then answered from what was kept.
        var pay = SandboxTriggerTests.UtilityRequest("Pay", Unique("SANDBOXEFFECTDROP"));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => bank.SendAsync(pay));
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(pay)).RespCode);
        var reversal = BillingSessionTests.Request("PayInvalid", Unique("SANDBOXEFFECTDROP"))
            .Set("origTranDate", pay.Get("TranDate")!).Set("origTranSeq", pay.Get("TranSeq")!);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => bank.SendAsync(reversal));
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(reversal)).RespCode);
        var payments = (await admin.GetFromJsonAsync<List<JsonElement>>("/admin/companies/654321/customers/123456/payments"))!;
        Assert.DoesNotContain(payments, p => p.GetProperty("tranSeq").GetString() == dropped.Get("TranSeq"));
        var paid = Assert.Single(payments, p => p.GetProperty("tranSeq").GetString() == pay.Get("TranSeq"));
        Assert.NotNull(paid.GetProperty("reversedAt").GetString());

        // A DSP step: the channel sent one code, the agreement moved once.
        var gateway = new DspCaller(node.Client());
        var payAct = DspCaller.NewPayAct();
        var apply = DspCaller.Step("Contract", "01", payAct, reqSeqId: Unique("SANDBOX_EFFECTDROP"));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => gateway.SendAsync(apply));
        Assert.Equal(UnifiedCode.CodeSent, (await gateway.SendAsync(apply)).UnifiedCode);
        var agreement = Assert.Single((await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/agreements?payAct={payAct}"))!);
        Assert.Equal("pending", agreement.GetProperty("state").GetString());
        var history = await admin.GetFromJsonAsync<JsonElement>($"/admin/agreements/by-id/{agreement.GetProperty("id").GetInt64()}");
        Assert.Equal(1, history.GetProperty("history").GetArrayLength());
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => gateway.SendAsync(SandboxTriggerTests.DspRequest("QryContract", Unique("SANDBOX_DROP"))));

        // applyToken: the code is used once; the retry is refused as for any used code.
        using var integrator = new GlobalCaller(node.Client());
        var issued = await admin.PostAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188120000000001/auth-codes", null);
        var authCode = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString();
        var grant = $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{authCode}}","customerBelongsTo":"SANDBOX_EFFECTDROP"}""";
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => integrator.PostAsync(GlobalCaller.ApplyToken, grant));
        Assert.Equal("OAUTH_FAIL", (await integrator.PostAsync(GlobalCaller.ApplyToken, grant)).ResultCode);
        var grants = await admin.GetFromJsonAsync<List<JsonElement>>("/admin/audit?family=global&limit=1000");
        Assert.Single(grants!, r => r.GetProperty("operation").GetString() == "applyToken" && r.GetProperty("outcome").GetString() == "SUCCESS");

        // A risk reply: the case moved to review once; the retry is the same reply again.
        var agent = new RiskCaller(node.Client());
        var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045" });
        var caseNo = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
        var reply = new JsonObject { ["caseNo"] = caseNo, ["surveyRemark"] = "已核实", ["surveyWay"] = "SANDBOX_EFFECTDROP" };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => agent.PostAsync("/risk/case/reply", reply.DeepClone().AsObject()));
        Assert.Equal(10000, (await agent.PostAsync("/risk/case/reply", reply.DeepClone().AsObject())).ReturnCode);
        var risk = await admin.GetFromJsonAsync<JsonElement>($"/admin/cases/{caseNo}");
        Assert.Equal("DSH", risk.GetProperty("row").GetProperty("auditStatus").GetString());
        Assert.Single(risk.GetProperty("history").EnumerateArray(), e => e.ToString().Contains("replied", StringComparison.Ordinal));
    }
}
