using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.RiskCases;
using PayHub.Tests.Agreements;
using PayHub.Tests.GlobalAccounts;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Admin;

/// <summary>
/// Callers come and go: a disabled caller of any family is refused as an unknown one is, in its family's code, until
/// enabled; a rotated key or secret stops at once, or with <c>?overlapSeconds=N</c> works beside the new one until the
/// window ends.
/// </summary>
public sealed class CallerLifecycleTests : IDisposable
{
    private const string Receive = """{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"REF-0001"}""";

    private readonly PayHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_disabled_caller_of_every_family_is_refused_as_an_unknown_one_until_enabled()
    {
        using var admin = _factory.Admin();
        var bank = new UtilityCaller(_factory.CreateClient());
        var frontEnd = new DspCaller(_factory.CreateClient());
        using var integrator = new GlobalCaller(_factory.CreateClient(), _factory.Clock);
        var agent = new RiskCaller(_factory.CreateClient());
        var query = new JsonObject { ["page"] = 1, ["rows"] = 1 };
        var agentView = (await admin.GetFromJsonAsync<List<JsonElement>>("/admin/agents"))!.Single(a => a.GetProperty("accessid").GetString() == RiskCaller.AccessId);
        var agentNo = agentView.GetProperty("agentNo").GetString()!;
        object AgentChange(bool enabled) => new { name = agentView.GetProperty("name").GetString(), notifyUrl = agentView.GetProperty("notifyUrl").GetString(), enabled };

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/institutions/00001/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/admin/front-ends/{DspCaller.ClientId}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/admin/integrators/{GlobalCaller.ClientId}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/admin/agents/{agentNo}", AgentChange(false))).StatusCode);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>("/admin/institutions/00001")).GetProperty("enabled").GetBoolean());

        Assert.Equal(PayHub.Protocols.Utility.UtilityRespCode.Unauthorized, (await bank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        Assert.Equal(UnifiedCode.NotAuthenticated, (await frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct()))).UnifiedCode);
        Assert.Equal("INVALID_CLIENT", (await integrator.PostAsync(GlobalCaller.InquiryAccount, Receive)).ResultCode);
        Assert.Equal(RiskReturnCode.UnknownAccessId, (await agent.QueryAsync(query.DeepClone().AsObject())).ReturnCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/institutions/00001/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/admin/front-ends/{DspCaller.ClientId}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/admin/integrators/{GlobalCaller.ClientId}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/admin/agents/{agentNo}", AgentChange(true))).StatusCode);

        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck())).RespCode);
        Assert.NotEqual(UnifiedCode.NotAuthenticated, (await frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct()))).UnifiedCode);
        Assert.Equal("SUCCESS", (await integrator.PostAsync(GlobalCaller.InquiryAccount, Receive)).ResultCode);
        Assert.Equal(RiskReturnCode.Success, (await agent.QueryAsync(query.DeepClone().AsObject())).ReturnCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/admin/front-ends/NOBODY/disable", null)).StatusCode);
    }

    [Fact]
    public async Task A_front_end_secret_rotated_with_overlap_keeps_the_old_one_until_the_window_ends_and_without_stops_it_at_once()
    {
        using var admin = _factory.Admin();
        var overlapping = await admin.PostAsync($"/admin/front-ends/{DspCaller.ClientId}/secret?overlapSeconds=600", null);
        var second = (await overlapping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var old = new DspCaller(_factory.CreateClient());
        var renewed = new DspCaller(_factory.CreateClient(), secret: second);

        Assert.NotEqual(UnifiedCode.NotAuthenticated, (await old.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct()))).UnifiedCode);
        Assert.NotEqual(UnifiedCode.NotAuthenticated, (await renewed.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct()))).UnifiedCode);
        _factory.Clock.Advance(TimeSpan.FromSeconds(601));
        Assert.Equal(UnifiedCode.NotAuthenticated, (await old.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct()))).UnifiedCode);
        Assert.NotEqual(UnifiedCode.NotAuthenticated, (await renewed.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct()))).UnifiedCode);

        var atOnce = await admin.PostAsync($"/admin/front-ends/{DspCaller.ClientId}/secret", null);
        var third = new DspCaller(_factory.CreateClient(), secret: (await atOnce.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
        Assert.Equal(UnifiedCode.NotAuthenticated, (await renewed.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct()))).UnifiedCode);
        Assert.NotEqual(UnifiedCode.NotAuthenticated, (await third.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct()))).UnifiedCode);
    }

    [Fact]
    public async Task An_agents_accessid_and_secret_rotated_with_overlap_keep_working_until_the_window_ends()
    {
        using var admin = _factory.Admin();
        var agentNo = (await admin.GetFromJsonAsync<List<JsonElement>>("/admin/agents"))!
            .Single(a => a.GetProperty("accessid").GetString() == RiskCaller.AccessId).GetProperty("agentNo").GetString();
        var rotated = await (await admin.PostAsync($"/admin/agents/{agentNo}/secret?overlapSeconds=600", null)).Content.ReadFromJsonAsync<JsonElement>();
        var old = new RiskCaller(_factory.CreateClient());
        var renewed = new RiskCaller(_factory.CreateClient(), rotated.GetProperty("accessid").GetString()!, rotated.GetProperty("secret").GetString()!);
        var query = new JsonObject { ["page"] = 1, ["rows"] = 1 };

        Assert.Equal(RiskReturnCode.Success, (await old.QueryAsync(query.DeepClone().AsObject())).ReturnCode);
        Assert.Equal(RiskReturnCode.Success, (await renewed.QueryAsync(query.DeepClone().AsObject())).ReturnCode);
        _factory.Clock.Advance(TimeSpan.FromSeconds(601));
        Assert.Equal(RiskReturnCode.UnknownAccessId, (await old.QueryAsync(query.DeepClone().AsObject())).ReturnCode);
        Assert.Equal(RiskReturnCode.Success, (await renewed.QueryAsync(query.DeepClone().AsObject())).ReturnCode);
    }

    [Fact]
    public async Task An_integrators_customers_list_says_which_authorised_it_and_follows_a_withdrawal()
    {
        using var admin = _factory.Admin();
        var before = (await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/integrators/{GlobalCaller.ClientId}/customers"))!;
        var customer = before.First(c => c.GetProperty("referenceCustomerId").GetString() == "REF-0001");
        Assert.True(customer.GetProperty("authorised").GetBoolean());
        var customerId = customer.GetProperty("customerId").GetString();

        var withdrawn = await admin.PutAsJsonAsync($"/admin/integrators/{GlobalCaller.ClientId}/customers/{customerId}", new { referenceCustomerId = "REF-0001", authorised = false });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var after = (await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/integrators/{GlobalCaller.ClientId}/customers"))!;
        Assert.False(after.Single(c => c.GetProperty("customerId").GetString() == customerId).GetProperty("authorised").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/integrators/NOBODY/customers")).StatusCode);
    }

    [Theory]
    [InlineData("/admin/institutions/00001/api-key?overlapSeconds=-1")]
    [InlineData("/admin/front-ends/demo-frontend/secret?overlapSeconds=604801")]
    [InlineData("/admin/agents/FW1000161/secret?overlapSeconds=-5")]
    public async Task An_overlap_out_of_range_is_a_400_naming_it_and_rotates_nothing(string path)
    {
        using var admin = _factory.Admin();
        var answer = await admin.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.True((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("overlapSeconds", out _));
        Assert.Equal("AAAAAAA", (await new UtilityCaller(_factory.CreateClient()).SendAsync(UtilityCaller.CustomerCheck())).RespCode);
    }
}
