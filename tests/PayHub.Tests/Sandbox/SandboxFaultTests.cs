using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PayHub.Protocols.Utility;
using PayHub.Tests.MultiNode;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Sandbox;

/// <summary>
/// Faults per caller: a seeded fraction gives the same faults twice; latency, a dropped connection and a truncated
/// answer are seen by a real client on a real socket; the effect made before a drop is made once, whatever the retries.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class SandboxFaultTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("faults");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    private static async Task SetFaultAsync(HttpClient admin, object fault)
    {
        var set = await admin.PutAsJsonAsync("/admin/sandbox/faults/utility/00001", fault);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }

    [Fact]
    public async Task A_seeded_fraction_faults_the_same_requests_every_time_and_each_fault_is_audited()
    {
        using var factory = PayHubFactory.On(_folder);
        var bank = new UtilityCaller(factory.CreateClient());
        using var admin = factory.Admin();

        async Task<string> RunAsync()
        {
            await SetFaultAsync(admin, new { kind = "system-error", fraction = 0.5, seed = 7 });
            var codes = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                codes.Add((await bank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
            }

            return string.Join(",", codes);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        var faulted = first.Split(',').Count(c => c == UtilityRespCode.SystemError);
        Assert.InRange(faulted, 1, 19);
        Assert.Equal(20 - faulted, first.Split(',').Count(c => c == "AAAAAAA"));
        var audit = await admin.GetFromJsonAsync<List<JsonElement>>("/admin/audit?family=sandbox&limit=1000");
        Assert.Equal(2 * faulted, audit!.Count(r => r.GetProperty("operation").GetString() == "fault"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/admin/sandbox/faults/utility/00001")).StatusCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
    }

    [Fact]
    public async Task Latency_a_drop_after_the_effect_and_a_truncated_answer_reach_a_real_client_and_a_retry_makes_no_second_effect()
    {
        using var node = await PayHubNode.StartAsync(TestDatabases.For(_folder));
        using var admin = node.Admin();
        var bank = new UtilityCaller(node.Client());

        await SetFaultAsync(admin, new { kind = "latency", delayMs = 1500, count = 1 });
        var watch = Stopwatch.StartNew();
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1400), $"answered after {watch.Elapsed}");

        await SetFaultAsync(admin, new { kind = "drop", count = 1 });
        var pay = BillingSessionTests.Request("Pay", "FAULTP1").Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => bank.SendAsync(pay, UtilityDataType.Xml, null));
        var retried = await bank.SendAsync(pay, UtilityDataType.Xml, null);
        Assert.Equal("AAAAAAA", retried.RespCode);
        var payments = await admin.GetFromJsonAsync<List<JsonElement>>("/admin/companies/654321/customers/123456/payments");
        Assert.Single(payments!, p => p.GetProperty("tranSeq").GetString() == "FAULTP1");

        await SetFaultAsync(admin, new { kind = "truncate", count = 1 });
        await Assert.ThrowsAnyAsync<Exception>(() => bank.SendAsync(UtilityCaller.CustomerCheck()));
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
    }

    [Fact]
    public async Task A_bad_signature_fault_reaches_a_real_integrator_as_an_answer_that_does_not_verify()
    {
        using var node = await PayHubNode.StartAsync(TestDatabases.For(_folder));
        using var admin = node.Admin();
        using var client = new GlobalAccounts.GlobalCaller(node.Client());
        var inquiry = """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/admin/sandbox/faults/global/DEMO_CLIENT_001", new { kind = "bad-signature", count = 1 })).StatusCode);

        var refused = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => client.PostAsync(GlobalAccounts.GlobalCaller.InquiryAccount, inquiry));
        var next = await client.PostAsync(GlobalAccounts.GlobalCaller.InquiryAccount, inquiry);

        Assert.Contains("response signature does not verify", refused.Message, StringComparison.Ordinal);
        Assert.Equal("SUCCESS", next.ResultCode);
    }

    [Fact]
    public async Task Push_faults_arrive_in_the_inbox_as_such()
    {
        using var factory = PayHubFactory.On(_folder);
        factory.Settings["PayHub:RiskPushIntervalMs"] = "100";
        using var admin = factory.Admin();

        async Task<string> CaseAsync(string fault)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/admin/sandbox/faults/risk/FW1000161", new { kind = fault, count = 1 })).StatusCode);
            var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045" });
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
        }

        async Task<List<JsonElement>> InboxAsync(string caseNo, int count)
        {
            var found = new List<JsonElement>();
            for (var i = 0; i < 100 && found.Count < count; i++)
            {
                await Task.Delay(100);
                found = (await admin.GetFromJsonAsync<List<JsonElement>>("/admin/sandbox/inbox/FW1000161"))!
                    .Where(m => m.GetProperty("body").GetString()!.Contains(caseNo, StringComparison.Ordinal)).ToList();
            }

            Assert.Equal(count, found.Count);
            return found;
        }

        var badSign = await CaseAsync("push-bad-signature");
        Assert.False(Assert.Single(await InboxAsync(badSign, 1)).GetProperty("signValid").GetBoolean());

        var duplicated = await CaseAsync("push-duplicate");
        var twice = await InboxAsync(duplicated, 2);
        Assert.Equal(twice[0].GetProperty("body").GetString(), twice[1].GetProperty("body").GetString());

        var late = await CaseAsync("push-out-of-order");
        // The case's own delivery takes the fault before the manual push is asked for (else the push's could take it).
        for (var i = 0; i < 100 && (await admin.GetFromJsonAsync<List<JsonElement>>("/admin/sandbox/faults"))!
            .Any(f => f.GetProperty("scope").GetString() == "risk:FW1000161" && f.GetProperty("remaining").ValueKind == JsonValueKind.Number && f.GetProperty("remaining").GetInt64() > 0); i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/admin/cases/{late}/push", null)).StatusCode);
        await InboxAsync(late, 2);
        var deliveries = (await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/risk-deliveries?caseNo={late}"))!.OrderBy(d => d.GetProperty("deliveryId").GetInt64()).ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.True(
            string.CompareOrdinal(deliveries[0].GetProperty("deliveredAt").GetString(), deliveries[1].GetProperty("deliveredAt").GetString()) > 0,
            "the first delivery of the case arrived after the second");
    }

    [Fact]
    public async Task A_fault_is_one_kind_for_a_count_or_a_fraction()
    {
        using var factory = PayHubFactory.On(_folder);
        using var admin = factory.Admin();
        var both = await admin.PutAsJsonAsync("/admin/sandbox/faults/utility/00001", new { kind = "drop", count = 1, fraction = 0.5 });
        var unknown = await admin.PutAsJsonAsync("/admin/sandbox/faults/utility/00001", new { kind = "explode", count = 1 });
        var latency = await admin.PutAsJsonAsync("/admin/sandbox/faults/utility/00001", new { kind = "latency", count = 1 });
        var family = await admin.PutAsJsonAsync("/admin/sandbox/faults/nobody/00001", new { kind = "drop", count = 1 });
        var unsigned = await admin.PutAsJsonAsync("/admin/sandbox/faults/utility/00001", new { kind = "bad-signature", count = 1 }); // family A signs nothing
        var pushes = await admin.PutAsJsonAsync("/admin/sandbox/faults/dsp/demo-frontend", new { kind = "push-duplicate", count = 1 }); // only agents get pushes

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound),
            (both.StatusCode, unknown.StatusCode, latency.StatusCode, family.StatusCode));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unsigned.StatusCode, pushes.StatusCode));
    }
}
