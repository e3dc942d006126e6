using System.Net;
using System.Text.Json;

namespace PayHub.Tests.Agreements;

/// <summary>Channels and code maps through the admin API: a change takes effect on the next request, an unmapped code is EC999 and counted.</summary>
public sealed class ChannelAdminTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private readonly DspCaller _frontEnd = new(factory.CreateClient());

    [Fact]
    public async Task A_code_map_change_takes_effect_on_the_next_request_without_a_restart()
    {
        using var admin = factory.Admin();
        var before = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "GZELINK01"));

        var changed = await admin.PutAsJsonAsync("/admin/channels/GZELINK01/codes", new
        {
            transType = "Contract", step = "01", originalCode = "0001", unifiedCode = "EC100", message = "短信验证码已下发",
        });
        var after = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "GZELINK01"));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("验证码已发送", before["RespInfo"]);
        Assert.Equal(("EC100", "短信验证码已下发", "0001"), (after.UnifiedCode, after["RespInfo"], after["OriginalCode"]));
        var map = await admin.GetFromJsonAsync<List<JsonElement>>("/admin/channels/GZELINK01/codes");
        Assert.Contains(map!, e => e.GetProperty("originalCode").GetString() == "0001" && e.GetProperty("step").GetString() == "01"
            && e.GetProperty("transType").GetString() == "Contract" && e.GetProperty("message").GetString() == "短信验证码已下发");
    }

    [Fact]
    public async Task A_code_with_no_mapping_is_EC999_and_counted()
    {
        using var admin = factory.Admin();
        var deleted = await admin.DeleteAsync("/admin/channels/CMBC02/codes?transType=Contract&step=01&originalCode=E1006");
        var countBefore = (await admin.GetFromJsonAsync<JsonElement>("/admin/channels/CMBC02")).GetProperty("unmappedCodesSinceStart").GetInt64();

        var answer = await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct("9903"), "CMBC02"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(("0", "EC999", "fail", "E1006"), (answer.RespCode, answer.UnifiedCode, answer["SignState"], answer["OriginalCode"]));
        var countAfter = (await admin.GetFromJsonAsync<JsonElement>("/admin/channels/CMBC02")).GetProperty("unmappedCodesSinceStart").GetInt64();
        Assert.Equal(countBefore + 1, countAfter);
    }

    [Fact]
    public async Task A_new_channel_of_an_existing_kind_is_one_admin_call_and_routes_at_once()
    {
        using var admin = factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/channels", new
        {
            bankCode = "ICBC03", name = "工商银行代扣(沙箱)", kind = "simulated", commandCodes = new[] { "9108Auth", "9200Sign" }, timeoutMs = 1000,
            settings = new { vocabulary = "bank" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var payAct = DspCaller.NewPayAct();
        var apply = DspCaller.Step("Contract", "01", payAct, "ICBC03");
        apply.Header.Set("CommandCode", "9200Sign");
        var applied = await _frontEnd.SendAsync(apply);
        var sms = await admin.GetFromJsonAsync<List<JsonElement>>("/admin/sms?bankCode=ICBC03&limit=1");
        var code = sms![0].GetProperty("code").GetString()!;
        var confirmed = await _frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, "ICBC03", code));

        Assert.Equal(("EC100", "0001"), (applied.UnifiedCode, applied["OriginalCode"]));
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal("EC000", confirmed.UnifiedCode);
    }

    [Fact]
    public async Task A_disabled_channel_is_EC903()
    {
        using var admin = factory.Admin();
        var created = await admin.PostAsJsonAsync("/admin/channels", new
        {
            bankCode = "OFF01", name = "停用渠道", kind = "simulated", commandCodes = new[] { "9108Auth" }, settings = new { vocabulary = "alipay" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var disabled = await admin.PutAsJsonAsync("/admin/channels/OFF01", new
        {
            name = "停用渠道", commandCodes = new[] { "9108Auth" }, settings = new { vocabulary = "alipay" }, enabled = false,
        });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        Assert.Equal("EC903", (await _frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "OFF01"))).UnifiedCode);
    }

    [Theory]
    [InlineData("""{"bankCode":"X1","name":"x","kind":"carrier-pigeon","commandCodes":["9108Auth"]}""", "kind")]
    [InlineData("""{"bankCode":"X2","name":"x","kind":"simulated","commandCodes":[],"settings":{"vocabulary":"bank"}}""", "commandCodes")]
    [InlineData("""{"bankCode":"X3","name":"x","kind":"simulated","commandCodes":["9108Auth"],"settings":{"vocabulary":"klingon"}}""", "settings")]
    [InlineData("""{"bankCode":"X4","name":"x","kind":"http","commandCodes":["9108Auth"],"settings":{"url":"ftp://nowhere","clientId":"a"},"secret":"s"}""", "settings")]
    [InlineData("""{"bankCode":"X5","name":"x","kind":"http","commandCodes":["9108Auth"],"settings":{"url":"http://127.0.0.1:1/dsp","clientId":"a"}}""", "settings")]
    [InlineData("""{"bankCode":"bad code","name":"x","kind":"simulated","commandCodes":["9108Auth"],"settings":{"vocabulary":"bank"}}""", "bankCode")]
    public async Task An_invalid_channel_is_a_400_problem_naming_the_field(string json, string field)
    {
        using var admin = factory.Admin();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        var response = await admin.PostAsync("/admin/channels", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invalid_mapping_is_refused_and_the_admin_API_needs_the_token()
    {
        using var admin = factory.Admin();
        var invalid = await admin.PutAsJsonAsync("/admin/channels/CMBC02/codes", new { transType = "Contract", step = "01", originalCode = "X", unifiedCode = "EC123", message = "m" });
        var anonymous = await factory.CreateClient().GetAsync("/admin/channels");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
