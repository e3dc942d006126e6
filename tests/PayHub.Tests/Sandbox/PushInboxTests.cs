using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Protocols.RiskCases;
using PayHub.Tests.RiskCases;

namespace PayHub.Tests.Sandbox;

/// <summary>
/// The sandbox's push inbox: the demo agents' notify URLs are their inboxes, so a case's changes land there with
/// valid signs; an inbox told to fail makes the outbox retry on its schedule; outside sandbox mode none of it exists.
/// </summary>
public sealed class PushInboxTests : IDisposable
{
    private const string Agent = "FW1000161";
    private readonly PayHubFactory _factory = new();

    public PushInboxTests()
    {
        _factory.Settings["PayHub:RiskPushIntervalMs"] = "100";
    }

    public void Dispose() => _factory.Dispose();

    private async Task<string> NewCaseAsync()
    {
        using var admin = _factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045", caseDealWay = "investigate" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
    }

    private async Task<List<JsonElement>> InboxAsync(string inbox = Agent)
    {
        using var admin = _factory.Admin();
        return (await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/sandbox/inbox/{inbox}"))!;
    }

    private static string CaseNoOf(JsonElement message) =>
        JsonDocument.Parse(message.GetProperty("body").GetString()!).RootElement.GetProperty("caseNo").GetString()!;

    private async Task<List<JsonElement>> WaitForMessagesAsync(string caseNo, int count, Func<JsonElement, bool>? which = null)
    {
        List<JsonElement> found = [];
        for (var i = 0; i < 100; i++)
        {
            found = (await InboxAsync()).Where(m => CaseNoOf(m) == caseNo && (which?.Invoke(m) ?? true)).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{found.Count} messages of case {caseNo} in the inbox, expected {count}");
        return found;
    }

    [Fact]
    public async Task A_new_case_and_an_on_demand_push_land_in_the_agents_inbox_with_valid_signs()
    {
        var caseNo = await NewCaseAsync();
        var first = Assert.Single(await WaitForMessagesAsync(caseNo, 1));
        using (var admin = _factory.Admin())
        {
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/admin/cases/{caseNo}/push", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/admin/cases/99999999/push", null)).StatusCode);
        }

        var both = await WaitForMessagesAsync(caseNo, 2);

        Assert.True(first.GetProperty("signValid").GetBoolean());
        Assert.Equal(200, first.GetProperty("answered").GetInt32());
        Assert.StartsWith("application/json", first.GetProperty("headers").GetProperty("Content-Type").GetString(), StringComparison.Ordinal);
        Assert.All(both, m => Assert.True(m.GetProperty("signValid").GetBoolean()));
        var kept = JsonDocument.Parse(both[0].GetProperty("body").GetString()!).RootElement;
        Assert.Equal(RiskCaller.AccessId, kept.GetProperty("accessid").GetString());
        Assert.False(kept.TryGetProperty("sign", out _)); // a kept push cannot be replayed
        Assert.Equal(("152****2720", "索**"), (kept.GetProperty("legalPhone").GetString(), kept.GetProperty("legalPerson").GetString())); // masked as in the audit trail
    }

    [Fact]
    public async Task An_inbox_told_to_fail_makes_the_outbox_retry_and_deliver_once_it_is_set_back()
    {
        using var admin = _factory.Admin();
        Assert.True((await admin.PutAsJsonAsync($"/admin/sandbox/inbox/{Agent}", new { failStatus = 503 })).IsSuccessStatusCode);
        var caseNo = await NewCaseAsync();

        await WaitForMessagesAsync(caseNo, 1, m => m.GetProperty("answered").GetInt32() == 503);
        // The inbox has the message once it answered; the sender records the failed attempt once it has the answer.
        var deliveries = await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/risk-deliveries?caseNo={caseNo}");
        for (var i = 0; i < 100 && deliveries is [var attempt] && attempt.GetProperty("lastError").GetString() == ""; i++)
        {
            await Task.Delay(50);
            deliveries = await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/risk-deliveries?caseNo={caseNo}");
        }

        var delivery = Assert.Single(deliveries!);
        Assert.Equal(("pending", "HTTP 503"), (delivery.GetProperty("state").GetString(), delivery.GetProperty("lastError").GetString()));

        Assert.True((await admin.PutAsJsonAsync($"/admin/sandbox/inbox/{Agent}", new { failStatus = (int?)null })).IsSuccessStatusCode);
        _factory.Clock.Advance(TimeSpan.FromSeconds(16)); // the first retry is due 15 s after the failure
        await WaitForMessagesAsync(caseNo, 1, m => m.GetProperty("answered").GetInt32() == 200);

        for (var i = 0; i < 50 && (await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/risk-deliveries?caseNo={caseNo}"))![0].GetProperty("state").GetString() != "delivered"; i++)
        {
            await Task.Delay(100);
        }

        var done = Assert.Single((await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/risk-deliveries?caseNo={caseNo}"))!);
        Assert.Equal(("delivered", 2), (done.GetProperty("state").GetString(), done.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task The_inbox_keeps_any_post_and_says_whether_its_sign_verifies()
    {
        using var client = _factory.CreateClient();
        var message = new JsonObject { ["caseNo"] = "1", ["accessid"] = RiskCaller.AccessId, ["timestamp"] = "1700000000000" };
        var good = message.DeepClone().AsObject();
        good["sign"] = RiskSign.Sign(JsonSerializer.SerializeToElement(message), RiskCaller.Secret);
        var bad = message.DeepClone().AsObject();
        bad["sign"] = RiskSign.Sign(JsonSerializer.SerializeToElement(message), "another secret");

        foreach (var body in new[] { good, bad })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/inbox/mine") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("X-API-Key", "demo-utility-key");
            var answer = await client.SendAsync(request);
            Assert.Equal((HttpStatusCode.OK, "SUCCESS"), (answer.StatusCode, await answer.Content.ReadAsStringAsync()));
        }

        var kept = await InboxAsync("mine");
        Assert.Equal([false, true], kept.Select(m => m.GetProperty("signValid").GetBoolean()));
        Assert.All(kept, m => Assert.Equal("***", m.GetProperty("headers").GetProperty("X-API-Key").GetString()));
        Assert.All(kept, m => Assert.DoesNotContain(good["sign"]!.GetValue<string>(), m.GetProperty("body").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_sandbox_mode_no_sandbox_control_exists()
    {
        using var production = new PayHubFactory();
        production.Settings["PayHub:Demo"] = "false";
        production.Settings["PayHub:MasterKey"] = Convert.ToBase64String(new byte[32]);
        using var client = production.CreateClient();
        var token = production.Services.GetRequiredService<PayHub.Storage.Database>().Write(scope =>
            PayHub.Admin.AdminTokens.Issue(scope, production.Services.GetRequiredService<PayHub.Secrets.SecretHasher>(), "test", DateTimeOffset.UtcNow));
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/sandbox/inbox/mine", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/sandbox/inbox/mine")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/admin/sandbox/inbox/mine", new { failStatus = 500 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/admin/sandbox/reset", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/sandbox/clock")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/admin/sandbox/faults/utility/00001", new { kind = "drop", count = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/admin/sandbox/clock", new { offsetMs = 1 })).StatusCode);
        var agent = await client.PostAsJsonAsync("/admin/agents", new { agentNo = "P01", name = "生产服务商", notifyUrl = "sandbox:inbox/P01" });
        Assert.Equal(HttpStatusCode.BadRequest, agent.StatusCode);
        Assert.Contains("notifyUrl", await agent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
