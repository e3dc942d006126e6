using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayHub.Protocols.Agreements;
using PayHub.Protocols.Utility;
using PayHub.Tests.Agreements;
using PayHub.Tests.GlobalAccounts;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Sandbox;

/// <summary>
/// A production PayHub cannot be steered by a magic value: on a database that is not a sandbox, holding the same
/// data as the demo, a request carrying each trigger value of each family is answered as ordinary data, and the
/// triggers table does not exist.
/// </summary>
public sealed class TriggersInProductionTests : IDisposable
{
    private readonly ProductionWithDemoData _database = new();

    private PayHubFactory Production => _database.Factory;

    public void Dispose() => _database.Dispose();

    /// <summary>Every trigger value of a family, as the sandbox lists them (from a sandbox beside this one).</summary>
    private static async Task<List<string>> ValuesAsync(string family)
    {
        using var sandbox = new PayHubFactory();
        using var admin = sandbox.Admin();
        var table = await TriggerTable.FetchAsync(admin);
        return [.. TriggerTable.Family(table, family).GetProperty("triggers").EnumerateArray().Select(t => t.GetProperty("value").GetString()!)];
    }

    [Fact]
    public async Task Every_trigger_value_of_every_family_is_ordinary_data_in_production()
    {
        using var admin = _database.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/sandbox/triggers")).StatusCode);

        var bank = new UtilityCaller(Production.CreateClient());
        foreach (var value in await ValuesAsync("utility"))
        {
            var tranSeq = value + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(UtilityCaller.CustomerCheck(tranSeq))).RespCode);
        }

        var payment = SandboxTriggerTests.UtilityRequest("Pay", "SANDBOXEFFECTDROP1");
        Assert.Equal(UtilityRespCode.Success, (await bank.SendAsync(payment)).RespCode);

        var gateway = new DspCaller(Production.CreateClient());
        foreach (var value in await ValuesAsync("dsp"))
        {
            var query = SandboxTriggerTests.DspRequest("QryContract", value + Guid.NewGuid().ToString("N")[..6]);
            var answer = await gateway.SendAsync(query);
            Assert.True(answer.UnifiedCode == UnifiedCode.Success, $"{value}: {answer.Text}");
            Assert.Equal("signed", answer["ContractState"]);
        }

        var applied = await gateway.SendAsync(SandboxTriggerTests.DspRequest("Contract/01", "SANDBOX_EC806"));
        Assert.Equal(UnifiedCode.CodeSent, applied.UnifiedCode);

        // A production database signs with its own key, generated on its first start, not the demo's.
        var serverKey = await admin.GetFromJsonAsync<JsonElement>("/admin/global-accounts/server-key");
        using var integrator = new GlobalCaller(Production.CreateClient(), Production.Clock, serverKey.GetProperty("publicKeyPem").GetString());
        foreach (var value in await ValuesAsync("global"))
        {
            var issued = await admin.PostAsync("/admin/integrators/DEMO_CLIENT_001/customers/2188120000000001/auth-codes", null);
            var authCode = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authCode").GetString();
            var grant = await integrator.PostAsync(GlobalCaller.ApplyToken, $$"""{"grantType":"AUTHORIZATION_CODE","authCode":"{{authCode}}","customerBelongsTo":"{{value}}"}""");
            Assert.True(grant.ResultCode == "SUCCESS", $"{value}: {grant.Text}");
            var inquiry = await integrator.PostAsync(GlobalCaller.InquiryAccount, $$"""{"accountType":"RECEIVE_ACCOUNT","referenceCustomerId":"{{value}}"}""");
            Assert.Equal("ACCOUNT_NOT_EXIST", inquiry.ResultCode);
        }

        var agent = new RiskCaller(Production.CreateClient());
        foreach (var value in await ValuesAsync("risk"))
        {
            var query = await agent.QueryAsync(new JsonObject { ["page"] = 1, ["rows"] = 10, ["caseNo"] = value });
            Assert.True(query.ReturnCode == 10000, $"{value}: {query.Text}");
            Assert.Equal(0, query.Total);
            var reply = await agent.PostAsync("/risk/case/reply", new JsonObject { ["caseNo"] = RiskCaller.SeedCaseNo, ["surveyRemark"] = "回复", ["surveyWay"] = value });
            Assert.Equal(10006, reply.ReturnCode); // the seed case is in review with another reply: the ordinary answer
        }
    }
}
