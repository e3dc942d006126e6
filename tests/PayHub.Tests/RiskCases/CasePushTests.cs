using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PayHub.Protocols.RiskCases;

namespace PayHub.Tests.RiskCases;

/// <summary>
/// Push against a real HTTP receiver on loopback that first fails, then hangs past the timeout, then
/// acknowledges: the retry schedule (clock moved, not slept), the payload's sign, and restarts that
/// lose nothing and repeat nothing acknowledged.
/// </summary>
public sealed class CasePushTests : IAsyncLifetime
{
    private readonly string _folder = TestDatabases.NewFolder("push");
    private NotifyReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await NotifyReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        TestDatabases.DeleteFolder(_folder);
    }

    private PayHubFactory Server()
    {
        var factory = PayHubFactory.On(_folder);
        factory.Settings["PayHub:RiskPushIntervalMs"] = "100";
        // Long enough that an acknowledging receiver answers in time on a CI machine loaded by the whole suite: at 500 ms,
        // an acknowledged attempt that took longer would count as failed and be due again only 5 min later (the likeliest
        // reason the post-restart attempt once missed its 20 s wait).
        factory.Settings["PayHub:RiskPushTimeoutMs"] = "2000";
        return factory;
    }

    private async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), what);
    }

    private static (string State, long Attempts, long? Next) Delivery(PayHubFactory factory, string caseNo)
    {
        using var connection = factory.OpenDatabase();
        return connection.QuerySingle<(string, long, long?)>("SELECT state, attempts, next_attempt_ms FROM risk_deliveries WHERE case_no = @caseNo", new { caseNo });
    }

    [Fact]
    public async Task A_push_is_retried_on_schedule_survives_restarts_and_is_never_repeated_once_acknowledged()
    {
        _receiver.Then(context => { context.Response.StatusCode = 500; return Task.CompletedTask; });
        _receiver.Then(context => Task.Delay(30_000, context.RequestAborted)); // hangs until the sender gives up

        string caseNo;
        var server = Server();
        using (var admin = server.Admin())
        {
            Assert.True((await admin.PutAsJsonAsync("/admin/agents/FW1000161", new { name = "张亚飞测试测试", notifyUrl = _receiver.Url })).IsSuccessStatusCode);
            var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045" });
            caseNo = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
        }

        // Attempt 1 fails (HTTP 500); the next is due 15 s later by the server's clock, and not before.
        await WaitForAsync(() => _receiver.Received.Count == 1 && Delivery(server, caseNo).Attempts == 1, "first attempt");
        await Task.Delay(700);
        Assert.Single(_receiver.Received);
        Assert.Equal(("pending", 1L), (Delivery(server, caseNo).State, Delivery(server, caseNo).Attempts));

        // Attempt 2, 15 s later, hangs past the 2 s timeout; the next is due 1 min later.
        server.Clock.Advance(TimeSpan.FromSeconds(15));
        await WaitForAsync(() => Delivery(server, caseNo).Attempts == 2, "second attempt");
        Assert.Equal(2, _receiver.Received.Count);
        var (_, _, next) = Delivery(server, caseNo);
        Assert.InRange(next!.Value - server.Clock.GetUtcNow().ToUnixTimeMilliseconds(), 50_000, 61_000);
        server.Dispose();

        // A restart between attempts loses nothing: the new server (its clock at real time) sends attempt 3 when it is due.
        server = Server();
        server.CreateClient().Dispose();
        await Task.Delay(500);
        Assert.Equal(2, _receiver.Received.Count);
        server.Clock.Advance(TimeSpan.FromSeconds(80));
        await WaitForAsync(() => Delivery(server, caseNo).State == "delivered", "third attempt, acknowledged");
        Assert.Equal(3, _receiver.Received.Count);
        server.Dispose();

        // After the acknowledgement, a restart sends nothing again.
        server = Server();
        server.CreateClient().Dispose();
        server.Clock.Advance(TimeSpan.FromHours(7));
        await Task.Delay(800);
        Assert.Equal(3, _receiver.Received.Count);
        Assert.Equal(("delivered", 3L), (Delivery(server, caseNo).State, Delivery(server, caseNo).Attempts));

        // Every attempt carried the case, signed with the agent's own secret.
        foreach (var pushed in _receiver.Received)
        {
            Assert.Equal(caseNo, pushed.GetProperty("caseNo").GetString());
            Assert.Equal(RiskCaller.AccessId, pushed.GetProperty("accessid").GetString());
            Assert.Equal(JsonValueKind.Number, pushed.GetProperty("timestamp").ValueKind);
            Assert.True(RiskSign.Verify(pushed, RiskCaller.Secret));
            Assert.Equal("DTJ", pushed.GetProperty("auditStatus").GetString());
        }

        // A reply is a change: it is pushed too, and acknowledged with a bare SUCCESS.
        _receiver.Then(context => context.Response.WriteAsync("SUCCESS"));

        var replied = await new RiskCaller(server.CreateClient()).ReplyAsync(caseNo, "已核实");
        Assert.Equal(10000, replied.ReturnCode);
        await WaitForAsync(() => _receiver.Received.Count == 4, "push of the reply");
        Assert.Equal("DSH", _receiver.Received.Last().GetProperty("auditStatus").GetString());
        using var connection = server.OpenDatabase();
        await WaitForAsync(() => connection.ExecuteScalar<long>("SELECT COUNT(*) FROM risk_deliveries WHERE case_no = @caseNo AND state = 'delivered'", new { caseNo }) == 2, "reply delivered");
        server.Dispose();
    }

    [Fact]
    public async Task After_seven_failed_attempts_a_push_is_failed_and_redelivered_on_request()
    {
        for (var i = 0; i < 7; i++)
        {
            _receiver.Then(context => context.Response.WriteAsJsonAsync(new { return_code = 10001 }));
        }

        using var server = Server();
        using var admin = server.Admin();
        Assert.True((await admin.PutAsJsonAsync("/admin/agents/FW2000002", new { name = "李明测试服务商", notifyUrl = _receiver.Url })).IsSuccessStatusCode);
        var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833200000000002", typeNo = "T00012" });
        var caseNo = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;

        foreach (var wait in PayHub.RiskCases.RiskPushSender.RetrySchedule.Prepend(TimeSpan.Zero).Select((w, i) => (w, i)))
        {
            server.Clock.Advance(wait.w);
            await WaitForAsync(() => Delivery(server, caseNo).Attempts == wait.i + 1, $"attempt {wait.i + 1}");
        }

        Assert.Equal("failed", Delivery(server, caseNo).State);
        var failed = await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/risk-deliveries?state=failed&caseNo={caseNo}");
        var id = failed!.Single().GetProperty("deliveryId").GetInt64();
        Assert.Contains("return_code", failed![0].GetProperty("lastError").GetString(), StringComparison.Ordinal);

        var redeliver = await admin.PostAsync($"/admin/risk-deliveries/{id}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        await WaitForAsync(() => Delivery(server, caseNo).State == "delivered", "redelivered");
        Assert.Equal(8, _receiver.Received.Count);
    }
}
