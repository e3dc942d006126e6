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
    public async Task A_fault_is_one_kind_for_a_count_or_a_fraction()
    {
        using var factory = PayHubFactory.On(_folder);
        using var admin = factory.Admin();
        var both = await admin.PutAsJsonAsync("/admin/sandbox/faults/utility/00001", new { kind = "drop", count = 1, fraction = 0.5 });
        var unknown = await admin.PutAsJsonAsync("/admin/sandbox/faults/utility/00001", new { kind = "explode", count = 1 });
        var latency = await admin.PutAsJsonAsync("/admin/sandbox/faults/utility/00001", new { kind = "latency", count = 1 });
        var family = await admin.PutAsJsonAsync("/admin/sandbox/faults/nobody/00001", new { kind = "drop", count = 1 });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound),
            (both.StatusCode, unknown.StatusCode, latency.StatusCode, family.StatusCode));
    }
}
