using System.Net;
using System.Text.Json;
using PayHub.Protocols.Utility;
using PayHub.Tests.Agreements;
using PayHub.Tests.GlobalAccounts;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Sandbox;

/// <summary>
/// The sandbox clock moves the business rules — an SMS code's 5 minutes, an access token's 30 days, PayInvalid's
/// same day, the push retry schedule — for the whole sandbox or one caller, and never the freshness of what a
/// client signs (Request-Time) nor another caller's rules.
/// </summary>
public sealed class SandboxClockTests : IDisposable
{
    private readonly PayHubFactory _factory = new();

    public SandboxClockTests()
    {
        _factory.Settings["PayHub:RiskPushIntervalMs"] = "100";
    }

    public void Dispose() => _factory.Dispose();

    private async Task SetClockAsync(string path, object body)
    {
        using var admin = _factory.Admin();
        var set = await admin.PutAsJsonAsync("/admin/sandbox/clock" + path, body);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }

    [Fact]
    public async Task A_callers_clock_expires_its_access_token_while_its_requests_stay_fresh()
    {
        using var admin = _factory.Admin();
        var issued = await admin.PostAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188120000000001/auth-codes", null);
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString();
        using var client = new GlobalCaller(_factory.CreateClient(), _factory.Clock);
        var applied = await client.PostAsync(GlobalCaller.ApplyToken, $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{code}}"}""");
        var inquiry = $$"""{"accountType":"VIRTUAL_ACCOUNT","accessToken":"{{applied["accessToken"]}}"}""";
        Assert.Equal("SUCCESS", (await client.PostAsync(GlobalCaller.InquiryAccount, inquiry)).ResultCode);

        await SetClockAsync("/global/SOMEONE_ELSE", new { offsetMs = (long)TimeSpan.FromDays(31).TotalMilliseconds });
        Assert.Equal("SUCCESS", (await client.PostAsync(GlobalCaller.InquiryAccount, inquiry)).ResultCode); // another caller's clock

        await SetClockAsync("/global/DEMO_CLIENT_001", new { offsetMs = (long)TimeSpan.FromDays(31).TotalMilliseconds });
        var expired = await client.PostAsync(GlobalCaller.InquiryAccount, inquiry); // signed at real time, and accepted as fresh

        Assert.Equal(("ACCESS_TOKEN_EXPIRED", "F"), (expired.ResultCode, expired.ResultStatus));
        var clocks = await admin.GetFromJsonAsync<JsonElement>("/admin/sandbox/clock");
        Assert.Equal(["global:DEMO_CLIENT_001", "global:SOMEONE_ELSE"], clocks.GetProperty("clocks").EnumerateArray().Select(c => c.GetProperty("scope").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/admin/sandbox/clock/global/DEMO_CLIENT_001")).StatusCode);
        Assert.Equal("SUCCESS", (await client.PostAsync(GlobalCaller.InquiryAccount, inquiry)).ResultCode);
    }

    [Fact]
    public async Task A_front_ends_clock_expires_its_sms_code_and_no_other_front_ends()
    {
        using var admin = _factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/front-ends", new { clientId = "other-frontend", name = "另一个前端" });
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var demo = new DspCaller(_factory.CreateClient());
        var other = new DspCaller(_factory.CreateClient(), "other-frontend", secret);
        var (demoAct, otherAct) = (DspCaller.NewPayAct(), DspCaller.NewPayAct());
        Assert.Equal("EC100", (await demo.SendAsync(DspCaller.Step("Contract", "01", demoAct, "CMBC02"))).UnifiedCode);
        Assert.Equal("EC100", (await other.SendAsync(DspCaller.Step("Contract", "01", otherAct, "CMBC02"))).UnifiedCode);

        await SetClockAsync("/dsp/demo-frontend", new { offsetMs = (long)TimeSpan.FromMinutes(6).TotalMilliseconds });

        var late = await demo.SendAsync(DspCaller.Step("Contract", "02", demoAct, "CMBC02", "123456"));
        var inTime = await other.SendAsync(DspCaller.Step("Contract", "02", otherAct, "CMBC02", "123456"));
        Assert.Equal(("EC804", "fail"), (late.UnifiedCode, late["SignState"]));
        Assert.Equal("EC000", inTime.UnifiedCode);
    }

    [Fact]
    public async Task An_institutions_next_day_refuses_PayInvalid_and_its_own_day_accepts_it()
    {
        var bank = new UtilityCaller(_factory.CreateClient());
        Task<UtilityResponse> Send(UtilityMessage message) => bank.SendAsync(message, UtilityDataType.Xml, null);
        Assert.Equal("AAAAAAA", (await Send(BillingSessionTests.Request("Pay", "CLOCKP1").Set("companyId", "654321").Set("billKey", "123456").Set("amount", "30000"))).RespCode);

        await SetClockAsync("/utility/00001", new { offsetMs = (long)TimeSpan.FromDays(1).TotalMilliseconds });
        var nextDay = await Send(BillingSessionTests.Request("PayInvalid", "CLOCKR1").Set("origTranDate", BillingSessionTests.Today).Set("origTranSeq", "CLOCKP1"));
        using (var admin = _factory.Admin())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/admin/sandbox/clock/utility/00001")).StatusCode);
        }

        var sameDay = await Send(BillingSessionTests.Request("PayInvalid", "CLOCKR2").Set("origTranDate", BillingSessionTests.Today).Set("origTranSeq", "CLOCKP1"));
        Assert.Equal(UtilityRespCode.CannotReverse, nextDay.RespCode);
        Assert.Equal("AAAAAAA", sameDay.RespCode);
    }

    [Fact]
    public async Task The_sandbox_clock_brings_a_push_retry_due()
    {
        using var admin = _factory.Admin();
        Assert.True((await admin.PutAsJsonAsync("/admin/sandbox/inbox/FW1000161", new { failStatus = 500 })).IsSuccessStatusCode);
        var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045" });
        var caseNo = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString();
        async Task<JsonElement> DeliveryAsync() => (await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/risk-deliveries?caseNo={caseNo}"))!.Single();
        for (var i = 0; i < 50 && (await DeliveryAsync()).GetProperty("attempts").GetInt32() == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.True((await admin.PutAsJsonAsync("/admin/sandbox/inbox/FW1000161", new { failStatus = (int?)null })).IsSuccessStatusCode);
        await Task.Delay(500);
        Assert.Equal("pending", (await DeliveryAsync()).GetProperty("state").GetString()); // the retry is 15 s away

        await SetClockAsync("", new { offsetMs = 16_000 });
        for (var i = 0; i < 50 && (await DeliveryAsync()).GetProperty("state").GetString() != "delivered"; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(("delivered", 2), ((await DeliveryAsync()).GetProperty("state").GetString(), (await DeliveryAsync()).GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task An_agents_own_clock_brings_its_push_retry_due_and_no_other_agents()
    {
        using var admin = _factory.Admin();
        async Task<string> FailingCaseAsync(string agentNo, string mercNum)
        {
            Assert.True((await admin.PutAsJsonAsync($"/admin/sandbox/inbox/{agentNo}", new { failStatus = 500 })).IsSuccessStatusCode);
            var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum, typeNo = "T00038", riskTypeRules = "SR00045" });
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;
        }

        async Task<JsonElement> DeliveryAsync(string caseNo) => (await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/risk-deliveries?caseNo={caseNo}"))!.Single();
        var mine = await FailingCaseAsync("FW1000161", "833163489120001");
        var theirs = await FailingCaseAsync("FW2000002", "833200000000002");
        for (var i = 0; i < 50 && ((await DeliveryAsync(mine)).GetProperty("attempts").GetInt32() == 0 || (await DeliveryAsync(theirs)).GetProperty("attempts").GetInt32() == 0); i++)
        {
            await Task.Delay(100);
        }

        Assert.True((await admin.PutAsJsonAsync("/admin/sandbox/inbox/FW1000161", new { failStatus = (int?)null })).IsSuccessStatusCode);
        Assert.True((await admin.PutAsJsonAsync("/admin/sandbox/inbox/FW2000002", new { failStatus = (int?)null })).IsSuccessStatusCode);
        await SetClockAsync("/risk/FW1000161", new { offsetMs = 16_000 });
        for (var i = 0; i < 50 && (await DeliveryAsync(mine)).GetProperty("state").GetString() != "delivered"; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(("delivered", 2), ((await DeliveryAsync(mine)).GetProperty("state").GetString(), (await DeliveryAsync(mine)).GetProperty("attempts").GetInt32()));
        Assert.Equal(("pending", 1), ((await DeliveryAsync(theirs)).GetProperty("state").GetString(), (await DeliveryAsync(theirs)).GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task A_clock_is_an_offset_or_an_instant_and_nothing_else()
    {
        using var admin = _factory.Admin();
        var frozen = await admin.PutAsJsonAsync("/admin/sandbox/clock", new { frozenAt = "2030-01-01T00:00:00+08:00" });
        var both = await admin.PutAsJsonAsync("/admin/sandbox/clock", new { offsetMs = 1, frozenAt = "2030-01-01T00:00:00+08:00" });
        var far = await admin.PutAsJsonAsync("/admin/sandbox/clock", new { offsetMs = (long)TimeSpan.FromDays(4000).TotalMilliseconds });
        var family = await admin.PutAsJsonAsync("/admin/sandbox/clock/nobody/x", new { offsetMs = 1 });

        Assert.Equal(HttpStatusCode.OK, frozen.StatusCode);
        Assert.Equal(DateTimeOffset.Parse("2030-01-01T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), (await frozen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("now").GetDateTimeOffset());
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (both.StatusCode, far.StatusCode, family.StatusCode));
    }
}
